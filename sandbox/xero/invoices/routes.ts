import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callContext } from '../auth/guard.js';
import { runBatch, summarizeErrors } from '../http/batch.js';
import { listResponse, singleResponse } from '../http/listing.js';
import { executeWrite, type ApiDeps } from '../http/write.js';
import { notFound } from '../support/errors.js';
import { idList, queryOf, type Query } from '../support/query.js';
import type { InvoiceRec } from '../org/model.js';
import { upsertInvoice } from './invoice-rules.js';
import { invoiceView } from './invoice-view.js';

type WithId = { Params: { id: string } };

const unitDp = (request: FastifyRequest): 2 | 4 => (queryOf(request).unitdp === '4' ? 4 : 2);

/** Statuses=, InvoiceNumbers=, ContactIDs= narrow the list before where= and paging. */
const preFilter = (records: InvoiceRec[], query: Query): InvoiceRec[] => {
  const statuses = idList(query.Statuses);
  const numbers = idList(query.InvoiceNumbers);
  const contacts = idList(query.ContactIDs);
  return records.filter((i) => (!statuses || statuses.has(i.Status.toLowerCase()))
    && (!numbers || numbers.has((i.InvoiceNumber ?? '').toLowerCase()))
    && (!contacts || contacts.has(i.ContactID)));
};

const write = (deps: ApiDeps, method: 'PUT' | 'POST', withId: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
  const forcedId = withId ? (request.params as { id: string }).id : undefined;
  if (forcedId && !callContext(request).org.data.invoices.has(forcedId.toLowerCase())) return notFound(reply);
  const dp = unitDp(request);
  return executeWrite(deps, request, reply, (uow) => runBatch(request.body, {
    collection: 'Invoices', idKey: 'InvoiceID', providerName: deps.providerName, summarize: summarizeErrors(request),
    apply: (raw, u) => upsertInvoice(raw, u, { unitDp: dp, method, forcedId }),
    view: (record) => invoiceView(record, uow.org, dp),
  }, uow));
};

export const registerInvoiceRoutes = (app: FastifyInstance, deps: ApiDeps): void => {
  app.get('/Invoices', async (request, reply) => {
    const { org } = callContext(request);
    return listResponse(request, reply, {
      collection: 'Invoices', providerName: deps.providerName, nowMs: deps.now(),
      records: preFilter([...org.data.invoices.values()], queryOf(request)),
      id: (i) => i.InvoiceID, updatedMs: (i) => i.updatedMs, view: (i) => invoiceView(i, org, unitDp(request)),
    });
  });
  app.get<WithId>('/Invoices/:id', async (request, reply) => {
    const { org } = callContext(request);
    const invoice = org.invoiceByIdOrNumber(request.params.id);
    if (!invoice) return notFound(reply);
    return singleResponse(reply, deps.providerName, deps.now(), 'Invoices', invoiceView(invoice, org, unitDp(request)));
  });
  app.put('/Invoices', write(deps, 'PUT', false));
  app.post('/Invoices', write(deps, 'POST', false));
  app.post<WithId>('/Invoices/:id', write(deps, 'POST', true));
};
