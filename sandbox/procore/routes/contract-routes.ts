import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ChangeOrder, Commitment, CommitmentKind, PrimeContract } from '../data/model.js';
import type { ProcoreStore } from '../data/store.js';
import { notFound } from '../http/errors.js';
import { fieldFilter, listFilters, sendPage } from '../http/paging.js';
import { findLive, pathId, requirePathProject, requireProjectOf } from '../http/params.js';
import { changeOrderJson, commitmentJson, primeContractJson } from '../json/contracts.js';
import { contractLineJson } from '../json/refs.js';

const COMMITMENT_PATHS: ReadonlyArray<readonly [string, CommitmentKind]> = [
  ['/rest/v1.0/work_order_contracts', 'WorkOrderContract'],
  ['/rest/v1.0/purchase_order_contracts', 'PurchaseOrderContract'],
];

/** Commitments (subcontracts and POs), change orders and the prime contract: read-only over the API. */
export const registerContractRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  const commitments = (request: FastifyRequest, kind?: CommitmentKind): Commitment[] => {
    requireProjectOf(store, request);
    const status = fieldFilter<Commitment>(request, 'status', (c) => c.status);
    return listFilters(request, store.commitments.values()).filter((c) => (!kind || c.kind === kind) && status(c));
  };
  const commitment = (request: FastifyRequest, kind?: CommitmentKind): Commitment => {
    requireProjectOf(store, request);
    const found = findLive(store, store.commitments, pathId(request), 'Commitment');
    if (kind && found.kind !== kind) throw notFound('Commitment');
    return found;
  };

  for (const [path, kind] of COMMITMENT_PATHS) {
    app.get(path, async (request, reply) =>
      sendPage(request, reply, commitments(request, kind), (c) => commitmentJson(store, c, false)));
    app.get(`${path}/:id`, async (request) => commitmentJson(store, commitment(request, kind), true));
    app.get(`${path}/:id/line_items`, async (request, reply) => {
      const found = commitment(request, kind);
      return sendPage(request, reply, found.lines, (l) => contractLineJson(store, l, { id: found.id, type: found.kind }));
    });
  }
  // The combined read-only list of both kinds.
  app.get('/rest/v1.0/commitments', async (request, reply) =>
    sendPage(request, reply, commitments(request), (c) => commitmentJson(store, c, false)));
  app.get('/rest/v1.0/commitments/:id', async (request) => commitmentJson(store, commitment(request), true));

  registerChangeOrderRoutes(app, store);
  registerPrimeContractRoutes(app, store);
};

const registerChangeOrderRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  for (const [segment, kind] of [['commitment_change_orders', 'commitment'], ['prime_change_orders', 'prime']] as const) {
    const base = `/rest/v1.0/projects/:project_id/${segment}`;
    app.get(base, async (request, reply) => {
      requirePathProject(store, request);
      const contract = fieldFilter<ChangeOrder>(request, 'contract_id', (co) => co.contractId);
      const status = fieldFilter<ChangeOrder>(request, 'status', (co) => co.status);
      const rows = listFilters(request, store.changeOrders.values()).filter((co) => co.kind === kind && contract(co) && status(co));
      return sendPage(request, reply, rows, (co) => changeOrderJson(store, co, false));
    });
    app.get(`${base}/:id`, async (request) => {
      requirePathProject(store, request);
      const found = findLive(store, store.changeOrders, pathId(request), 'Change Order');
      if (found.kind !== kind) throw notFound('Change Order');
      return changeOrderJson(store, found, true);
    });
  }
};

/** Note Procore's singular `/prime_contract` for CRUD and plural `/prime_contracts` for the list. */
const registerPrimeContractRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  const prime = (request: FastifyRequest, name = 'id'): PrimeContract => {
    requireProjectOf(store, request);
    return findLive(store, store.primeContracts, pathId(request, name), 'Prime Contract');
  };
  app.get('/rest/v1.0/prime_contracts', async (request, reply) => {
    requireProjectOf(store, request);
    return sendPage(request, reply, listFilters(request, store.primeContracts.values()), (p) => primeContractJson(store, p, false));
  });
  app.get('/rest/v1.0/prime_contract', async (request) => {
    requireProjectOf(store, request);
    const first = listFilters(request, store.primeContracts.values())[0];
    if (!first) throw notFound('Prime Contract');
    return primeContractJson(store, first, true);
  });
  app.get('/rest/v1.0/prime_contract/:id', async (request) => primeContractJson(store, prime(request), true));
  app.get('/rest/v1.0/prime_contracts/:id/line_items', async (request, reply) => {
    const found = prime(request);
    return sendPage(request, reply, found.lines, (l) => contractLineJson(store, l, { id: found.id, type: 'PrimeContract' }));
  });
};
