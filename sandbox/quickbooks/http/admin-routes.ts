import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CompanyAdmin, WireAmount } from '../bookkeeper.js';
import { entityByName, isDoc, type Doc, type EntityName } from '../model/entity-types.js';
import type { QboSandboxState } from '../state.js';
import type { QboWebhooks, WebhookFormat } from '../webhooks.js';

export interface AdminDeps {
  readonly state: QboSandboxState;
  readonly webhooks: QboWebhooks;
  readonly admin: (realmId: string) => CompanyAdmin | undefined;
  readonly defaultRealm: () => string | undefined;
}

type Params = Record<string, string | undefined>;

class AdminError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
  }
}

const params = (request: FastifyRequest): Params => request.params as Params;
const body = (request: FastifyRequest): Doc => (isDoc(request.body) ? request.body : {});

const amountOf = (request: FastifyRequest): WireAmount => {
  const amount = body(request).amount;
  if (typeof amount !== 'number' && typeof amount !== 'string') throw new AdminError(400, 'body needs amount');
  return amount;
};

const entityParam = (request: FastifyRequest): EntityName => {
  const entity = entityByName(params(request).entity ?? '');
  if (!entity) throw new AdminError(404, `unknown entity ${params(request).entity ?? ''}`);
  return entity;
};

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const adminOfFor = (deps: AdminDeps) => (request: FastifyRequest): CompanyAdmin => {
  const admin = deps.admin(params(request).realmId ?? '');
  if (!admin) throw new AdminError(404, `unknown realm ${params(request).realmId ?? ''}`);
  return admin;
};

/** Realms and their entities: what tests assert the hub posted. */
const registerRealmAdmin = (app: FastifyInstance, deps: AdminDeps, adminOf: (r: FastifyRequest) => CompanyAdmin): void => {
  app.get('/_sandbox/realms', async () => ({ realms: deps.state.realmIds() }));
  app.post('/_sandbox/realms', async (request, reply) => {
    const realmId = str(body(request).realmId);
    if (!realmId) throw new AdminError(400, 'body needs realmId');
    deps.state.createCompany(realmId, str(body(request).name));
    return reply.code(201).send({ realmId });
  });
  app.get('/_sandbox/realms/:realmId/entities/:entity', async (request) => {
    const entity = entityParam(request);
    const admin = adminOf(request);
    return { entity, items: admin.list(entity), deleted: admin.deleted(entity) };
  });
  app.get('/_sandbox/realms/:realmId/entities/:entity/:id', async (request) => {
    const found = adminOf(request).get(entityParam(request), params(request).id ?? '');
    if (!found) throw new AdminError(404, 'not found');
    return found;
  });
  app.post('/_sandbox/realms/:realmId/requestids/forget', async (request) => {
    adminOf(request).forgetRequestIds();
    return { ok: true };
  });
  app.put('/_sandbox/realms/:realmId/requestids', async (request) => {
    adminOf(request).honorRequestIds(body(request).honor !== false);
    return { ok: true };
  });
};

/** What a bookkeeper does in the QuickBooks UI: any write, payments, edits, deletions. */
const registerBookkeeperAdmin = (app: FastifyInstance, adminOf: (r: FastifyRequest) => CompanyAdmin): void => {
  app.post('/_sandbox/realms/:realmId/entities/:entity', async (request) => {
    const operation = (request.query as Params).operation;
    const op = operation === 'delete' || operation === 'void' ? operation : undefined;
    return adminOf(request).write(entityParam(request), body(request), op);
  });
  app.post('/_sandbox/realms/:realmId/entities/:entity/:id/active', async (request) =>
    adminOf(request).setActive(entityParam(request), params(request).id ?? '', body(request).active !== false));
  app.post('/_sandbox/realms/:realmId/bills/:id/payments', async (request, reply) => {
    const b = body(request);
    const payment = adminOf(request).payBill(params(request).id ?? '', amountOf(request), { bankAccountId: str(b.bankAccountId), txnDate: str(b.txnDate) });
    return reply.code(201).send(payment);
  });
  app.post('/_sandbox/realms/:realmId/invoices/:id/payments', async (request, reply) => {
    const b = body(request);
    const payment = adminOf(request).receivePayment(params(request).id ?? '', amountOf(request), { depositToAccountId: str(b.depositToAccountId), txnDate: str(b.txnDate) });
    return reply.code(201).send(payment);
  });
  app.post('/_sandbox/realms/:realmId/bills/:id/edit', async (request) =>
    adminOf(request).editBillLine(params(request).id ?? '', amountOf(request), str(body(request).lineId), str(body(request).description)));
  app.delete('/_sandbox/realms/:realmId/bills/:id', async (request) => adminOf(request).deleteBill(params(request).id ?? ''));
};

const flag = (value: unknown, name: string): boolean | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new AdminError(400, `${name} must be true or false`);
  return value;
};

/** The company's class tracking (what GET /preferences answers) and the ClassRefs it ignored. */
const registerPreferencesAdmin = (app: FastifyInstance, adminOf: (r: FastifyRequest) => CompanyAdmin): void => {
  app.put('/_sandbox/realms/:realmId/preferences', async (request) => {
    const b = body(request);
    const perTxn = flag(b.ClassTrackingPerTxn, 'ClassTrackingPerTxn');
    const perLine = flag(b.ClassTrackingPerLine, 'ClassTrackingPerLine');
    return adminOf(request).setClassTracking({
      ...(perTxn === undefined ? {} : { ClassTrackingPerTxn: perTxn }), ...(perLine === undefined ? {} : { ClassTrackingPerLine: perLine }),
    });
  });
  app.get('/_sandbox/realms/:realmId/warnings', async (request) => ({ warnings: adminOf(request).warnings() }));
};

/** `/_sandbox/…`: the bookkeeper's hand and the test's eyes. Never faulted, never throttled. */
export const registerAdminRoutes = (app: FastifyInstance, deps: AdminDeps): void => {
  const adminOf = adminOfFor(deps);
  const realmIdOf = (request: FastifyRequest): string => {
    const realmId = str(body(request).realmId) ?? deps.defaultRealm();
    if (!realmId || !deps.state.company(realmId)) throw new AdminError(404, `unknown realm ${realmId ?? ''}`);
    return realmId;
  };
  registerRealmAdmin(app, deps, adminOf);
  registerBookkeeperAdmin(app, adminOf);
  registerPreferencesAdmin(app, adminOf);
  registerOAuthAdmin(app, deps, realmIdOf);
  registerWebhookAdmin(app, deps);
};

const registerOAuthAdmin = (app: FastifyInstance, deps: AdminDeps, realmIdOf: (r: FastifyRequest) => string): void => {
  app.post('/_sandbox/oauth/tokens', async (request) => deps.state.oauth.issue(realmIdOf(request)));
  app.post('/_sandbox/oauth/codes', async (request) => ({ code: deps.state.oauth.authorize(realmIdOf(request), str(body(request).redirectUri)) }));
  app.post('/_sandbox/oauth/expire-access-tokens', async () => {
    deps.state.oauth.expireAccessTokens();
    return { ok: true };
  });
};

const registerWebhookAdmin = (app: FastifyInstance, deps: AdminDeps): void => {
  app.get('/_sandbox/webhooks', async () => ({ deliveries: deps.webhooks.log }));
  app.put('/_sandbox/webhooks', async (request, reply: FastifyReply) => {
    const b = body(request);
    const format = str(b.format);
    if (format !== undefined && format !== 'legacy' && format !== 'cloudevents') throw new AdminError(400, 'format is legacy or cloudevents');
    deps.webhooks.configure({ ...('url' in b ? { url: str(b.url) } : {}), ...(format ? { format: format as WebhookFormat } : {}) });
    return reply.send({ ok: true });
  });
};
