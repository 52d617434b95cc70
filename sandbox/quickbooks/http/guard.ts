import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FaultInjector, type RateLimiter } from '../../kit/index.js';
import { Company } from '../model/company.js';
import { errors } from '../model/qbo-error.js';
import type { QboSandboxState } from '../state.js';
import { faultReply, intuitTid, send, sendAuthFault } from './replies.js';

/**
 * The kit applies latency before any hook of ours runs, so a slow call would not hold a
 * concurrency slot. Here the kit is told "no latency" and the delay is served later, once
 * the call has its slot — as a slow QuickBooks holds it.
 */
export class HeldLatencyFaults extends FaultInjector {
  override latencyFor(): number {
    return 0;
  }

  heldLatencyFor(method: string, path: string): number {
    return super.latencyFor(method, path);
  }
}

export interface GuardDeps {
  readonly state: QboSandboxState;
  readonly faults: HeldLatencyFaults;
  readonly limiter: RateLimiter;
  readonly batchLimiter: RateLimiter;
}

const API_PATH = /^\/v3\/company\/([^/?]+)(\/[^?]*)?/;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const throttled = (deps: GuardDeps, reply: FastifyReply, retryAfterSeconds: number): FastifyReply => {
  if (deps.state.options.throttleRetryAfter) reply.header('retry-after', String(retryAfterSeconds));
  return send(reply, faultReply(errors.throttled(), deps.state.options.now()));
};

/** Bearer token → realm; 401 (lower-case fault) when missing, unknown or expired, 403 for another realm. */
const authorize = (deps: GuardDeps, request: FastifyRequest, reply: FastifyReply, realmId: string): Company | FastifyReply => {
  const now = deps.state.options.now();
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return sendAuthFault(reply, 'Authorization header missing or not a Bearer token', now);
  const auth = deps.state.oauth.authenticate(header.slice(7).trim());
  if ('error' in auth) return sendAuthFault(reply, auth.error === 'expired' ? 'Token expired' : 'Token invalid', now);
  const company = deps.state.company(realmId);
  if (auth.realmId !== realmId || !company) return send(reply, faultReply(errors.forbidden(), now));
  return company;
};

/** Authentication, per-realm rate limits and held latency for `/v3/company/{realmId}/…`. */
export const registerGuard = (app: FastifyInstance, deps: GuardDeps): ((request: FastifyRequest) => Company | undefined) => {
  const companies = new WeakMap<FastifyRequest, Company>();

  app.addHook('onRequest', async (request, reply) => {
    const match = API_PATH.exec(request.url);
    if (!match) return undefined;
    const realmId = decodeURIComponent(match[1] ?? '');
    const company = authorize(deps, request, reply, realmId);
    if (!(company instanceof Company)) return company;
    if (match[2] === '/batch') {
      const refusal = deps.batchLimiter.acquire(realmId);
      if (refusal) return throttled(deps, reply, refusal.retryAfterSeconds);
      deps.batchLimiter.release(realmId); // counted per minute only
    }
    const refusal = deps.limiter.acquire(realmId);
    if (refusal) return throttled(deps, reply, refusal.retryAfterSeconds);
    let released = false;
    reply.raw.once('close', () => {
      if (!released) deps.limiter.release(realmId);
      released = true;
    });
    companies.set(request, company);
    return undefined;
  });

  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/_sandbox')) return;
    const ms = deps.faults.heldLatencyFor(request.method, request.url.split('?')[0] ?? request.url);
    if (ms > 0) await sleep(ms);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/_sandbox')) reply.header('intuit_tid', intuitTid());
    return payload;
  });

  return (request) => companies.get(request);
};
