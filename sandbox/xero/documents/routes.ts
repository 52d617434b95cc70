import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callContext } from '../auth/guard.js';
import { runBatch, summarizeErrors } from '../http/batch.js';
import { listResponse, singleResponse } from '../http/listing.js';
import { executeWrite, type ApiDeps } from '../http/write.js';
import { notFound, validationException } from '../support/errors.js';
import { isObject } from '../support/json.js';
import { allocateCreditNote } from './allocations.js';
import { idList, queryOf } from '../support/query.js';
import type { Organisation } from '../org/organisation.js';
import { CREDIT_NOTES, PURCHASE_ORDERS, QUOTES, upsertLedgerDoc, type LedgerKind } from './ledger-rules.js';
import { ledgerView } from './ledger-view.js';

type WithId = { Params: { id: string } };

const recordsOf = (org: Organisation, kind: LedgerKind) => (kind === CREDIT_NOTES ? org.data.creditNotes : kind === QUOTES ? org.data.quotes : org.data.purchaseOrders);

const write = (deps: ApiDeps, kind: LedgerKind, withId: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
  const forcedId = withId ? (request.params as { id: string }).id : undefined;
  if (forcedId && !recordsOf(callContext(request).org, kind).has(forcedId.toLowerCase())) return notFound(reply);
  return executeWrite(deps, request, reply, (uow) => runBatch(request.body, {
    collection: kind.collection, idKey: kind.idKey, providerName: deps.providerName, summarize: summarizeErrors(request),
    apply: (raw, u) => upsertLedgerDoc(raw, kind, u, forcedId),
    view: (record) => ledgerView(record, kind, uow.org),
  }, uow));
};

/** GET (list and by id or number), PUT (create), POST (create or update), POST /{id} (update). */
const registerKind = (app: FastifyInstance, deps: ApiDeps, kind: LedgerKind): void => {
  app.get(`/${kind.collection}`, async (request, reply) => {
    const { org } = callContext(request);
    const query = queryOf(request);
    const statuses = idList(query.Statuses ?? query.status);
    const number = kind === QUOTES ? query.QuoteNumber : undefined;
    return listResponse(request, reply, {
      collection: kind.collection, providerName: deps.providerName, nowMs: deps.now(),
      records: [...recordsOf(org, kind).values()].filter((d) => (!statuses || statuses.has(d.Status.toLowerCase())) && (number === undefined || d.Number === number)),
      id: (d) => d.id, updatedMs: (d) => d.updatedMs, view: (d) => ledgerView(d, kind, org),
    });
  });
  app.get<WithId>(`/${kind.collection}/:id`, async (request, reply) => {
    const { org } = callContext(request);
    const records = recordsOf(org, kind);
    const doc = records.get(request.params.id.toLowerCase()) ?? [...records.values()].find((d) => d.Number !== undefined && d.Number === request.params.id);
    if (!doc) return notFound(reply);
    return singleResponse(reply, deps.providerName, deps.now(), kind.collection, ledgerView(doc, kind, org));
  });
  app.put(`/${kind.collection}`, write(deps, kind, false));
  app.post(`/${kind.collection}`, write(deps, kind, false));
  app.post<WithId>(`/${kind.collection}/:id`, write(deps, kind, true));
};

/** PUT /CreditNotes/{id}/Allocations: all of the request's allocations or none (a 400 ValidationException naming why). */
const registerAllocations = (app: FastifyInstance, deps: ApiDeps): void => {
  app.put<WithId>('/CreditNotes/:id/Allocations', async (request, reply) => {
    const note = callContext(request).org.data.creditNotes.get(request.params.id.toLowerCase());
    if (!note) return notFound(reply);
    return executeWrite(deps, request, reply, (uow) => {
      const made = allocateCreditNote(note, request.body, uow);
      if (!made.ok) {
        const echo = isObject(request.body) && Array.isArray(request.body.Allocations) ? request.body.Allocations[0] : {};
        return { status: 400, body: validationException([{ ...(isObject(echo) ? echo : {}), ValidationErrors: made.errors.map((Message) => ({ Message })) }]), commit: false };
      }
      const view = ledgerView(note, CREDIT_NOTES, uow.org);
      const allocations = (view.Allocations as Array<Record<string, unknown>>).filter((a) => made.record.some((m) => m.AllocationID === a.AllocationID));
      return {
        status: 200, commit: true,
        body: { Id: uow.newId(), Status: 'OK', ProviderName: deps.providerName, Allocations: allocations.map((a) => ({ ...a, CreditNote: { CreditNoteID: note.id } })) },
      };
    });
  });
};

export const registerLedgerRoutes = (app: FastifyInstance, deps: ApiDeps): void => {
  registerAllocations(app, deps);
  registerKind(app, deps, CREDIT_NOTES);
  registerKind(app, deps, PURCHASE_ORDERS);
  registerKind(app, deps, QUOTES);
};
