import type { FastifyInstance, FastifyRequest } from 'fastify';
import { centsOrThrow } from '../admin/invoice-verbs.js';
import type { ContractPayment, Requisition } from '../data/model.js';
import type { ProcoreStore } from '../data/store.js';
import { badRequest, unprocessable } from '../http/errors.js';
import { actorOf } from '../http/guards.js';
import { fieldFilter, listFilters, sendPage } from '../http/paging.js';
import { type Body, bodyOf, findLive, isoDate, optionalString, pathId, positiveInt, requireProjectOf } from '../http/params.js';
import { paymentJson } from '../json/contracts.js';
import { RESOURCE } from '../webhooks/resources.js';
import { assertOriginFree } from './origin.js';

const PAYABLE: ReadonlyArray<Requisition['status']> = ['approved', 'approved_as_noted'];

/** Procore wraps create bodies in the resource key; a flat body is accepted too (wrapper UNCONFIRMED). */
const paymentFields = (body: Body): Body => {
  const inner = body.contract_payment;
  if (inner === undefined) return body;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw badRequest('contract_payment must be an object');
  return inner as Body;
};

const requisitionFor = (store: ProcoreStore, fields: Body): Requisition => {
  const requisition = store.live(store.requisitions, positiveInt(fields.requisition_id, 'requisition_id'));
  if (!requisition) throw unprocessable('Requisition must exist', { requisition_id: ['must exist'] });
  if (!PAYABLE.includes(requisition.status)) {
    throw unprocessable(`Requisition is ${requisition.status}; payments need an approved invoice`, { requisition_id: ['is not approved'] });
  }
  if (fields.contract_id !== undefined && positiveInt(fields.contract_id, 'contract_id') !== requisition.commitmentId) {
    throw unprocessable('contract_id does not match the requisition', { contract_id: ['does not match the requisition'] });
  }
  return requisition;
};

/**
 * What a payment is on: a subcontractor invoice (requisition_id; contract_id, if sent, must be its
 * commitment), or, without requisition_id, a prime contract (a payment received from the owner,
 * facts §5.5). A commitment payment without a requisition is refused.
 */
const payeeOf = (store: ProcoreStore, fields: Body): { contractId: number; requisitionId: number | null } => {
  if (fields.requisition_id !== undefined && fields.requisition_id !== null) {
    const requisition = requisitionFor(store, fields);
    return { contractId: requisition.commitmentId, requisitionId: requisition.id };
  }
  if (fields.contract_id === undefined) {
    throw badRequest('Missing required parameter: requisition_id or contract_id', { requisition_id: ["can't be blank"], contract_id: ["can't be blank"] });
  }
  const contractId = positiveInt(fields.contract_id, 'contract_id');
  if (store.live(store.primeContracts, contractId)) return { contractId, requisitionId: null };
  if (store.live(store.commitments, contractId)) {
    throw unprocessable('Payments on a commitment need a requisition', { requisition_id: ["can't be blank"] });
  }
  throw unprocessable('Contract must exist', { contract_id: ['must exist'] });
};

const newPayment = (store: ProcoreStore, fields: Body): ContractPayment => {
  const payee = payeeOf(store, fields);
  if (fields.amount === undefined) throw badRequest('Missing required parameter: amount', { amount: ["can't be blank"] });
  const amountCents = centsOrThrow(fields.amount, 'amount');
  if (amountCents <= 0) throw unprocessable('amount must be greater than 0', { amount: ['must be greater than 0'] });
  const originId = optionalString(fields, 'origin_id') ?? null;
  assertOriginFree(store.payments.values(), originId, null);
  return {
    ...store.audit(), ...payee, amountCents,
    date: isoDate(fields.date, 'date'), originId, originData: optionalString(fields, 'origin_data') ?? null,
    originCode: optionalString(fields, 'origin_code') ?? null, checkNumber: optionalString(fields, 'check_number') ?? null,
    invoiceNumber: optionalString(fields, 'invoice_number') ?? null, notes: optionalString(fields, 'notes') ?? null,
    paymentNumber: optionalString(fields, 'payment_number') ?? null,
  };
};

/** PATCH is partial (facts §1): only the fields sent change; amount stays positive. */
const applyChanges = (payment: ContractPayment, fields: Body): void => {
  if (fields.amount !== undefined) {
    const amountCents = centsOrThrow(fields.amount, 'amount');
    if (amountCents <= 0) throw unprocessable('amount must be greater than 0', { amount: ['must be greater than 0'] });
    payment.amountCents = amountCents;
  }
  if (fields.date !== undefined) payment.date = isoDate(fields.date, 'date');
  for (const [field, key] of [['check_number', 'checkNumber'], ['invoice_number', 'invoiceNumber'], ['notes', 'notes'], ['payment_number', 'paymentNumber']] as const) {
    if (fields[field] !== undefined) payment[key] = optionalString(fields, field) ?? null;
  }
};

/** Payments issued against subcontractor invoices, and received on the prime contract: the hub's write-back when a books payment lands. */
export const registerPaymentRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  const one = (request: FastifyRequest): ContractPayment => {
    requireProjectOf(store, request);
    return findLive(store, store.payments, pathId(request), 'Contract Payment');
  };
  app.get('/rest/v1.0/contract_payments', async (request, reply) => {
    requireProjectOf(store, request);
    const requisition = fieldFilter<ContractPayment>(request, 'requisition_id', (p) => p.requisitionId);
    const contract = fieldFilter<ContractPayment>(request, 'contract_id', (p) => p.contractId);
    const rows = listFilters(request, store.payments.values()).filter((p) => requisition(p) && contract(p));
    return sendPage(request, reply, rows, (p) => paymentJson(store, p));
  });
  app.get('/rest/v1.0/contract_payments/:id', async (request) => paymentJson(store, one(request)));
  app.post('/rest/v1.0/contract_payments', async (request, reply) => {
    const body = bodyOf(request);
    requireProjectOf(store, request);
    const payment = newPayment(store, paymentFields(body));
    store.payments.set(payment.id, payment);
    store.changed(payment, RESOURCE.contractPayments, 'create', store.project.id, actorOf(request));
    return reply.code(201).send(paymentJson(store, payment));
  });
  app.patch('/rest/v1.0/contract_payments/:id', async (request) => {
    const payment = one(request);
    applyChanges(payment, paymentFields(bodyOf(request)));
    store.changed(payment, RESOURCE.contractPayments, 'update', store.project.id, actorOf(request));
    return paymentJson(store, payment);
  });
  app.delete('/rest/v1.0/contract_payments/:id', async (request, reply) => {
    const payment = one(request);
    store.changed(payment, RESOURCE.contractPayments, 'delete', store.project.id, actorOf(request));
    return reply.code(204).send();
  });
};
