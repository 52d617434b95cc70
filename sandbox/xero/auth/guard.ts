import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, tooManyRequests } from '../support/errors.js';
import type { Organisation } from '../org/organisation.js';
import type { XeroLimits } from '../traffic/limits.js';
import type { Grant, TokenAuthority } from './tokens.js';

/** Who is calling the Accounting API, established once per request by the guard. */
export interface CallContext {
  readonly tenantId: string;
  readonly org: Organisation;
  readonly grant: Grant;
}

const contexts = new WeakMap<FastifyRequest, CallContext>();

export const callContext = (request: FastifyRequest): CallContext => {
  const context = contexts.get(request);
  if (!context) throw new Error('Accounting route reached without the guard');
  return context;
};

/** Broad (legacy) scopes and the granular ones required for apps created from March 2026. */
const WRITE_SCOPES: Record<string, readonly string[]> = {
  invoices: ['accounting.transactions', 'accounting.invoices'],
  payments: ['accounting.transactions', 'accounting.payments'],
  contacts: ['accounting.contacts'],
  accounts: ['accounting.settings'],
  trackingcategories: ['accounting.settings'],
  taxrates: ['accounting.settings'],
  // Items: settings under the broad scopes, invoices under the granular ones (facts §4).
  items: ['accounting.settings', 'accounting.invoices'],
  organisation: ['accounting.settings'],
};

/** The Projects API has one scope for all of it (facts §11). */
const PROJECTS_SCOPES: readonly string[] = ['projects'];

const scopesFor = (url: string): readonly string[] | undefined => {
  if (url.includes('/projects.xro/2.0/')) return PROJECTS_SCOPES;
  const resource = /\/api\.xro\/2\.0\/([^/?]+)/.exec(url)?.[1]?.toLowerCase() ?? '';
  return WRITE_SCOPES[resource];
};

const scopeAllows = (grant: Grant, method: string, url: string): boolean => {
  const write = scopesFor(url);
  if (!write) return true;
  const accepted = method === 'GET' ? [...write, ...write.map((s) => `${s}.read`)] : write;
  return accepted.some((scope) => grant.scopes.has(scope));
};

export interface GuardDeps {
  readonly tokens: TokenAuthority;
  readonly limits: XeroLimits;
  readonly organisation: (tenantId: string) => Organisation | undefined;
}

/**
 * Order matters and matches Xero: token (401), then tenant (403, also for a missing
 * xero-tenant-id header), then scope (403), then the tenant's rate limits (429).
 */
export const accountingGuard = (deps: GuardDeps) => async (request: FastifyRequest, reply: FastifyReply) => {
  const auth = deps.tokens.authenticate(request.headers.authorization);
  if (!auth.ok) {
    return reply.code(401).header('WWW-Authenticate', 'Bearer error="invalid_token"').send(problem(401, 'Unauthorized', auth.detail));
  }
  const header = request.headers['xero-tenant-id'];
  const tenantId = typeof header === 'string' ? header.trim().toLowerCase() : '';
  const org = deps.organisation(tenantId);
  if (!org || !auth.grant.connections.has(tenantId)) return reply.code(403).send(problem(403, 'Forbidden', 'AuthenticationUnsuccessful'));
  if (!scopeAllows(auth.grant, request.method, request.url)) return reply.code(403).send(problem(403, 'Forbidden', 'AuthorizationUnsuccessful'));
  const decision = deps.limits.acquire(tenantId);
  reply.headers(decision.headers);
  if (!decision.ok) return tooManyRequests(reply, decision.retryAfterSeconds, decision.problem);
  // 'close' fires for answered and for dropped (timeout-after-write) connections alike.
  reply.raw.once('close', decision.release);
  contexts.set(request, { tenantId, org, grant: auth.grant });
  return undefined;
};
