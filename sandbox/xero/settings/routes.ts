import type { FastifyInstance } from 'fastify';
import { callContext } from '../auth/guard.js';
import { runBatch, summarizeErrors } from '../http/batch.js';
import { listResponse, singleResponse } from '../http/listing.js';
import { executeWrite, type ApiDeps } from '../http/write.js';
import { notFound } from '../support/errors.js';
import { queryOf } from '../support/query.js';
import { accountView } from './accounts.js';
import { itemView } from './items.js';
import { organisationView } from './organisation-view.js';
import { TAX_RATES, taxRateView } from './tax-rates.js';
import { addTrackingOption, createTrackingCategory, trackingView } from './tracking.js';

type WithId = { Params: { id: string } };

/** Accounts and items are read-only here. */
const registerAccountRoutes = (app: FastifyInstance, deps: ApiDeps): void => {
  app.get('/Accounts', async (request, reply) => {
    const { org } = callContext(request);
    return listResponse(request, reply, {
      collection: 'Accounts', providerName: deps.providerName, nowMs: deps.now(), records: [...org.data.accounts.values()],
      id: (a) => a.AccountID, updatedMs: (a) => a.updatedMs, view: accountView,
    });
  });
  app.get('/Items', async (request, reply) => {
    const { org } = callContext(request);
    return listResponse(request, reply, {
      collection: 'Items', providerName: deps.providerName, nowMs: deps.now(), records: [...org.data.items.values()],
      id: (i) => i.ItemID, updatedMs: (i) => i.updatedMs, view: itemView,
    });
  });
  app.get<WithId>('/Accounts/:id', async (request, reply) => {
    const account = callContext(request).org.data.accounts.get(request.params.id.toLowerCase());
    if (!account) return notFound(reply);
    return singleResponse(reply, deps.providerName, deps.now(), 'Accounts', accountView(account));
  });
};

/** Tracking categories and options can be created; neither raises webhooks. */
const registerTrackingRoutes = (app: FastifyInstance, deps: ApiDeps): void => {
  app.get('/TrackingCategories', async (request, reply) => {
    const { org } = callContext(request);
    const includeArchived = queryOf(request).includeArchived === 'true';
    return listResponse(request, reply, {
      collection: 'TrackingCategories', providerName: deps.providerName, nowMs: deps.now(),
      records: [...org.data.tracking.values()].filter((t) => includeArchived || t.Status === 'ACTIVE'),
      id: (t) => t.TrackingCategoryID, updatedMs: () => org.createdMs, view: (t) => trackingView(t, includeArchived),
    });
  });
  app.get<WithId>('/TrackingCategories/:id', async (request, reply) => {
    const category = callContext(request).org.data.tracking.get(request.params.id.toLowerCase());
    if (!category) return notFound(reply);
    return singleResponse(reply, deps.providerName, deps.now(), 'TrackingCategories', trackingView(category));
  });
  app.put('/TrackingCategories', (request, reply) => executeWrite(deps, request, reply, (uow) => runBatch(request.body, {
    collection: 'TrackingCategories', idKey: 'TrackingCategoryID', providerName: deps.providerName, summarize: summarizeErrors(request),
    apply: createTrackingCategory, view: (t) => trackingView(t),
  }, uow)));
  app.put<WithId>('/TrackingCategories/:id/Options', async (request, reply) => {
    const id = request.params.id.toLowerCase();
    if (!callContext(request).org.data.tracking.has(id)) return notFound(reply);
    return executeWrite(deps, request, reply, (uow) => runBatch(request.body, {
      collection: 'Options', idKey: 'TrackingOptionID', providerName: deps.providerName, summarize: summarizeErrors(request),
      apply: (raw, u) => {
        const category = u.org.data.tracking.get(id);
        return category ? addTrackingOption(category, raw, u) : { ok: false, errors: ['Tracking category not found.'] };
      },
      view: (o) => ({ ...o }),
    }, uow));
  });
};

export const registerSettingsRoutes = (app: FastifyInstance, deps: ApiDeps): void => {
  app.get('/Organisation', async (request, reply) =>
    singleResponse(reply, deps.providerName, deps.now(), 'Organisations', organisationView(callContext(request).org)));
  registerAccountRoutes(app, deps);
  registerTrackingRoutes(app, deps);
  app.get('/TaxRates', async (request, reply) => listResponse(request, reply, {
    collection: 'TaxRates', providerName: deps.providerName, nowMs: deps.now(), records: TAX_RATES,
    id: (t) => t.TaxType, updatedMs: () => callContext(request).org.createdMs, view: taxRateView,
  }));
};
