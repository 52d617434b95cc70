import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Company } from '../model/company.js';
import { entityByName, isDoc, type Doc, type EntityName } from '../model/entity-types.js';
import { QboError, errors } from '../model/qbo-error.js';
import { deletedStub, present } from '../model/view.js';
import { runBatch } from '../query/batch.js';
import { runCdc } from '../query/cdc.js';
import { runQuery } from '../query/run.js';
import type { RuleContext } from '../rules/context.js';
import { writeEntity } from '../rules/operations.js';
import { restWriteOperation } from '../rules/void-requests.js';
import type { QboSandboxState } from '../state.js';
import { faultReply, ok, send, type ApiReply } from './replies.js';

type Params = Record<string, string | undefined>;
type QueryString = Record<string, string | undefined>;

const REQUEST_ID_MAX = 50;
const BATCH_REQUEST_ID_MAX = 36;

export interface ApiDeps {
  readonly state: QboSandboxState;
  readonly companyOf: (request: FastifyRequest) => Company | undefined;
}

const queryOf = (request: FastifyRequest): QueryString => request.query as QueryString;

const entityOf = (name: string | undefined): EntityName => {
  const entity = entityByName(name ?? '');
  if (!entity) throw errors.unsupported(`Operation ${name ?? ''} is not supported`);
  return entity;
};

/** Entity bodies are JSON objects; a text body means a wrong Content-Type. */
const jsonBody = (request: FastifyRequest): Doc => {
  if (typeof request.body === 'string') throw errors.unsupported(`Content-Type ${request.headers['content-type'] ?? ''} is not supported here; send application/json`);
  if (!isDoc(request.body)) throw errors.invalidProperty('Request body must be a JSON object');
  return request.body;
};

/**
 * Runs a write at most once per `requestid` in a realm: a repeat gets the original response.
 * Only successes are remembered, so a corrected retry of a refused write can go through.
 */
const once = (company: Company, request: FastifyRequest, max: number, now: Date, run: () => ApiReply): ApiReply => {
  const requestId = queryOf(request).requestid;
  if (requestId !== undefined && (requestId === '' || requestId.length > max)) throw errors.stringLength('requestid', max);
  const cached = requestId ? company.replay(requestId) : undefined;
  if (cached) return cached;
  let result: ApiReply;
  try {
    result = run();
  } catch (error) {
    if (!(error instanceof QboError)) throw error;
    result = faultReply(error, now);
  }
  if (requestId && result.status < 300) company.remember(requestId, result);
  return result;
};

interface RouteKit {
  readonly companyOf: (request: FastifyRequest) => Company;
  readonly ctx: (company: Company, request: FastifyRequest) => RuleContext;
  readonly now: () => Date;
}

const kitOf = (deps: ApiDeps): RouteKit => ({
  companyOf: (request) => {
    const company = deps.companyOf(request);
    if (!company) throw errors.forbidden();
    return company;
  },
  ctx: (company, request) => deps.state.context(company, (queryOf(request).include ?? '').split(',').includes('allowduplicatedocnum')),
  now: () => deps.state.options.now(),
});

/** Query, CDC and reads by id: CorePlus (metered) calls in the real service. */
const registerReadRoutes = (app: FastifyInstance, { companyOf, now }: RouteKit): void => {
  app.get('/v3/company/:realmId/query', async (request, reply) =>
    send(reply, ok({ QueryResponse: runQuery(companyOf(request), queryOf(request).query ?? '') }, now())));

  app.post('/v3/company/:realmId/query', async (request, reply) => {
    if (typeof request.body !== 'string') throw errors.unsupported('POST /query takes the SELECT as the body with Content-Type application/text');
    return send(reply, ok({ QueryResponse: runQuery(companyOf(request), request.body) }, now()));
  });

  app.get('/v3/company/:realmId/cdc', async (request, reply) => {
    const q = queryOf(request);
    return send(reply, ok({ CDCResponse: runCdc(companyOf(request), q.entities, q.changedSince, now()) }, now()));
  });

  app.get('/v3/company/:realmId/:entity/:id', async (request, reply) => {
    const company = companyOf(request);
    const params = request.params as Params;
    const entity = entityOf(params.entity);
    const stored = company.get(entity, params.id ?? '');
    if (!stored) throw errors.notFound(entity, params.id ?? '');
    return send(reply, ok({ [entity]: present(company, stored) }, now()));
  });
};

/** CompanyInfo and Preferences, read-only here (class tracking is set through the admin API): what a connection check or setup screen reads. */
const registerCompanyRoutes = (app: FastifyInstance, { companyOf, now }: RouteKit): void => {
  app.get('/v3/company/:realmId/companyinfo/:id', async (request, reply) => {
    const company = companyOf(request);
    const id = (request.params as Params).id ?? '';
    if (id !== company.realmId) throw errors.notFound('CompanyInfo', id);
    const info = { Id: company.realmId, CompanyName: company.companyName, LegalName: company.companyName, Country: 'US', SyncToken: '0', domain: 'QBO', sparse: false };
    return send(reply, ok({ CompanyInfo: info }, now()));
  });

  app.get('/v3/company/:realmId/preferences', async (request, reply) => {
    const company = companyOf(request);
    const prefs = {
      AccountingInfoPrefs: { ...company.classTracking, TrackDepartments: false },
      SalesFormsPrefs: { CustomTxnNumbers: false, AllowDiscount: true },
      CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } },
      Id: '1', SyncToken: '0', domain: 'QBO', sparse: false,
    };
    return send(reply, ok({ Preferences: prefs }, now()));
  });
};

/** Creates, updates, deletes, voids and batches: each once per requestid. */
const registerWriteRoutes = (app: FastifyInstance, { companyOf, ctx, now }: RouteKit, batchMaxItems: number): void => {
  app.post('/v3/company/:realmId/batch', async (request, reply) => {
    const company = companyOf(request);
    const withRequestId = queryOf(request).requestid !== undefined;
    return send(reply, once(company, request, BATCH_REQUEST_ID_MAX, now(), () =>
      ok({ BatchItemResponse: runBatch(ctx(company, request), request.body, batchMaxItems, withRequestId) }, now())));
  });

  app.post('/v3/company/:realmId/:entity', async (request, reply) => {
    const company = companyOf(request);
    const entity = entityOf((request.params as Params).entity);
    const operation = restWriteOperation(entity, queryOf(request).operation, queryOf(request).include);
    const body = jsonBody(request);
    return send(reply, once(company, request, REQUEST_ID_MAX, now(), () => {
      const result = writeEntity(ctx(company, request), entity, body, operation);
      return ok({ [entity]: result.kind === 'deleted' ? deletedStub(result.id) : present(company, result.stored) }, now());
    }));
  });
};

/** QuickBooks Accounting API v3 under `/v3/company/{realmId}` (facts §1, §3–§5, §8). */
export const registerApiRoutes = (app: FastifyInstance, deps: ApiDeps): void => {
  const kit = kitOf(deps);
  registerReadRoutes(app, kit);
  registerCompanyRoutes(app, kit);
  registerWriteRoutes(app, kit, deps.state.options.batchMaxItems);
};
