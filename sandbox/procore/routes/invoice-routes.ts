import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PaymentApplication, Requisition } from '../data/model.js';
import type { ProcoreStore } from '../data/store.js';
import { notFound } from '../http/errors.js';
import { actorOf } from '../http/guards.js';
import { fieldFilter, listFilters, sendPage } from '../http/paging.js';
import { bodyOf, findLive, pathId, queryOf, requireProjectOf, single, wrapped } from '../http/params.js';
import { paymentApplicationJson, requisitionItemsJson, requisitionJson } from '../json/invoices.js';
import type { Json } from '../json/refs.js';
import { RESOURCE } from '../webhooks/resources.js';
import { patchOrigin } from './origin.js';

/** Subcontractor invoices (requisitions) and owner invoices (payment applications). */
export const registerInvoiceRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  for (const version of ['v1.0', 'v1.1'] as const) registerRequisitionRoutes(app, store, version);
  registerPaymentApplicationRoutes(app, store);
};

const registerRequisitionRoutes = (app: FastifyInstance, store: ProcoreStore, version: 'v1.0' | 'v1.1'): void => {
  const v11 = version === 'v1.1';
  const base = `/rest/${version}/requisitions`;
  const one = (request: FastifyRequest): Requisition => {
    requireProjectOf(store, request);
    return findLive(store, store.requisitions, pathId(request), 'Requisition');
  };

  app.get(base, async (request, reply) => {
    requireProjectOf(store, request);
    const commitment = fieldFilter<Requisition>(request, 'commitment_id', (r) => r.commitmentId);
    const status = fieldFilter<Requisition>(request, 'status', (r) => r.status);
    const rows = listFilters(request, store.requisitions.values()).filter((r) => commitment(r) && status(r));
    // G703 items are heavy; lists carry them only with view=extended (facts §5.9).
    const items = single(queryOf(request), 'view') === 'extended';
    return sendPage(request, reply, rows, (r) => requisitionJson(store, r, { items, v11 }));
  });
  // The plain show has no `items` (facts §5.9): a client that reads it for lines finds none.
  app.get(`${base}/:id`, async (request) => requisitionJson(store, one(request), { items: extendedView(request), v11 }));
  app.patch(`${base}/:id`, async (request) => {
    const requisition = one(request);
    patchOrigin(store.requisitions.values(), requisition, wrapped(bodyOf(request), 'requisition'));
    store.changed(requisition, RESOURCE.requisitions, 'update', store.project.id, actorOf(request));
    return requisitionJson(store, requisition, { items: false, v11 });
  });
  if (version === 'v1.0') registerRequisitionItemRoutes(app, base, one, store);
};

/** `view=extended` is the documented way to get `items` on the show; `views` is UNCONFIRMED, so refused here. */
const extendedView = (request: FastifyRequest): boolean => single(queryOf(request), 'view') === 'extended';

/**
 * The item endpoints, paginated (facts §5.9). Every G703 row of the sandbox bills a SOV line
 * of the commitment, so all are contract items; change orders raise those lines' scheduled
 * value instead of adding change-order rows, and no commitment has a subcontractor SOV.
 */
const registerRequisitionItemRoutes = (
  app: FastifyInstance, base: string, one: (request: FastifyRequest) => Requisition, store: ProcoreStore,
): void => {
  app.get(`${base}/:id/contract_items`, async (request, reply) => sendPage(request, reply, requisitionItemsJson(store, one(request)), (item) => item));
  for (const kind of ['contract_detail_items', 'change_order_items'] as const) {
    app.get(`${base}/:id/${kind}`, async (request, reply) => {
      one(request);
      return sendPage(request, reply, [] as Json[], (item) => item);
    });
  }
};

const registerPaymentApplicationRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  const list = (request: FastifyRequest, primeContractId?: number): PaymentApplication[] => {
    requireProjectOf(store, request);
    const status = fieldFilter<PaymentApplication>(request, 'status', (a) => a.status);
    return listFilters(request, store.paymentApplications.values())
      .filter((a) => (primeContractId === undefined || a.primeContractId === primeContractId) && status(a));
  };
  const one = (request: FastifyRequest, primeContractId?: number): PaymentApplication => {
    requireProjectOf(store, request);
    const found = findLive(store, store.paymentApplications, pathId(request), 'Payment Application');
    if (primeContractId !== undefined && found.primeContractId !== primeContractId) throw notFound('Payment Application');
    return found;
  };
  const primeId = (request: FastifyRequest): number =>
    findLive(store, store.primeContracts, pathId(request, 'prime_contract_id'), 'Prime Contract').id;

  app.get('/rest/v1.0/payment_applications', async (request, reply) =>
    sendPage(request, reply, list(request), (a) => paymentApplicationJson(store, a)));
  app.get('/rest/v1.0/payment_applications/:id', async (request) => paymentApplicationJson(store, one(request)));
  const nested = '/rest/v1.0/prime_contracts/:prime_contract_id/payment_applications';
  app.get(nested, async (request, reply) =>
    sendPage(request, reply, list(request, primeId(request)), (a) => paymentApplicationJson(store, a)));
  app.get(`${nested}/:id`, async (request) => paymentApplicationJson(store, one(request, primeId(request))));
  app.patch(`${nested}/:id`, async (request) => {
    const application = one(request, primeId(request));
    patchOrigin(store.paymentApplications.values(), application, wrapped(bodyOf(request), 'payment_application'));
    store.changed(application, RESOURCE.paymentApplications, 'update', store.project.id, actorOf(request));
    return paymentApplicationJson(store, application);
  });
};
