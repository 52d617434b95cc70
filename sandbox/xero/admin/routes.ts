import type { FastifyInstance, FastifyReply } from 'fastify';
import { isObject, readString, type Json } from '../support/json.js';
import { manualPayment, type ConsentOptions, type HandResult, type XeroSandboxState } from '../state.js';
import type { XeroLimitOptions } from '../traffic/limits.js';
import type { XeroWebhooks } from '../webhooks/publisher.js';

type Tenant = { Params: { tenantId: string } };
type TenantInvoice = { Params: { tenantId: string; invoiceId: string } };

const hasTenant = (state: XeroSandboxState, tenantId: string): boolean => state.tenantIds().includes(tenantId.toLowerCase());
const noTenant = (reply: FastifyReply) => reply.code(404).send({ error: 'no such tenant' });
const handAnswer = (reply: FastifyReply, result: HandResult) =>
  (result.ok ? reply.code(200).send(result.object) : reply.code(400).send({ errors: result.errors }));

const registerTenantRoutes = (app: FastifyInstance, state: XeroSandboxState): void => {
  app.get('/_sandbox/tenants', async () => state.tenantIds().map((tenantId) => ({ tenantId, name: state.organisation(tenantId).name })));
  for (const kind of ['invoices', 'contacts', 'payments'] as const) {
    app.get<Tenant>(`/_sandbox/tenants/:tenantId/${kind}`, async (request, reply) => {
      if (!hasTenant(state, request.params.tenantId)) return noTenant(reply);
      return state[kind](request.params.tenantId);
    });
  }
  app.get<Tenant>('/_sandbox/tenants/:tenantId/users', async (request, reply) =>
    (hasTenant(state, request.params.tenantId) ? state.users(request.params.tenantId) : noTenant(reply)));
  app.post<Tenant>('/_sandbox/tenants/:tenantId/users', async (request, reply) => {
    if (!hasTenant(state, request.params.tenantId)) return noTenant(reply);
    const name = isObject(request.body) ? readString(request.body, 'name') : undefined;
    const email = isObject(request.body) ? readString(request.body, 'email') : undefined;
    if (!name || !email) return reply.code(400).send({ error: 'body needs name ("First Last") and email' });
    return { UserID: state.addUser(name, email, request.params.tenantId) };
  });
  app.post<Tenant>('/_sandbox/tenants/:tenantId/payments', async (request, reply) => {
    if (!hasTenant(state, request.params.tenantId)) return noTenant(reply);
    const payment = manualPayment(request.body);
    if (!payment) return reply.code(400).send({ error: 'body needs InvoiceID (string) and Amount (number)' });
    return handAnswer(reply, state.recordPayment(payment, request.params.tenantId));
  });
  app.post<TenantInvoice>('/_sandbox/tenants/:tenantId/invoices/:invoiceId', async (request, reply) => {
    if (!hasTenant(state, request.params.tenantId)) return noTenant(reply);
    if (!isObject(request.body)) return reply.code(400).send({ error: 'body must be an object of invoice fields' });
    return handAnswer(reply, state.editInvoice(request.params.invoiceId, request.body, request.params.tenantId));
  });
};

const strings = (value: unknown): string[] | undefined =>
  (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined);

const consent = (body: unknown): ConsentOptions => (isObject(body)
  ? { scopes: strings(body.scopes), tenantIds: strings(body.tenantIds), redirectUri: readString(body, 'redirectUri') }
  : {});

const limits = (body: Json): XeroLimitOptions => {
  const read = (key: string) => (typeof body[key] === 'number' ? body[key] : undefined);
  return { perMinute: read('perMinute'), concurrent: read('concurrent'), perDay: read('perDay'), appPerMinute: read('appPerMinute') };
};

const registerIdentityRoutes = (app: FastifyInstance, state: XeroSandboxState): void => {
  app.post('/_sandbox/oauth/code', async (request) => ({ code: state.authorizationCode(consent(request.body)) }));
  app.post('/_sandbox/oauth/tokens', async (request) => state.issueTokens(consent(request.body)));
  app.put('/_sandbox/limits', async (request, reply) => {
    if (!isObject(request.body)) return reply.code(400).send({ error: 'body must be an object' });
    state.setLimits(limits(request.body));
    return { ok: true };
  });
};

const registerWebhookRoutes = (app: FastifyInstance, state: XeroSandboxState, webhooks: XeroWebhooks): void => {
  app.get('/_sandbox/webhooks', async () => ({
    status: webhooks.status, url: webhooks.url ?? null, events: webhooks.events,
    deliveries: webhooks.dispatcher.log.map((r) => ({ ...r, message: { ...r.message } })),
  }));
  app.post('/_sandbox/webhooks/intent-to-receive', async (request, reply) => {
    const url = isObject(request.body) ? readString(request.body, 'url') : undefined;
    if (!url) return reply.code(400).send({ error: 'body needs url' });
    if (webhooks.status === 'unconfigured') return reply.code(409).send({ error: 'start the sandbox with webhook.webhookKey first' });
    return state.runIntentToReceive(url);
  });
};

/** `/_sandbox/...`: never faulted, never rate limited, no authentication (a local test harness). */
export const registerAdminRoutes = (app: FastifyInstance, state: XeroSandboxState, webhooks: XeroWebhooks): void => {
  registerTenantRoutes(app, state);
  registerIdentityRoutes(app, state);
  registerWebhookRoutes(app, state, webhooks);
};
