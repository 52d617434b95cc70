import type { FastifyReply, FastifyRequest } from 'fastify';
import { callContext } from '../auth/guard.js';
import { UnitOfWork } from '../org/organisation.js';
import type { Change } from '../org/model.js';
import { postDataInvalid, problem } from '../support/errors.js';
import { fingerprint, MAX_KEY_LENGTH, type IdempotencyStore } from '../traffic/idempotency.js';

export interface WriteDeps {
  readonly now: () => number;
  readonly idempotency: IdempotencyStore;
  /** Called with what a committed write changed, for webhooks. */
  readonly publish: (tenantId: string, changes: readonly Change[]) => void;
}

export interface WriteResult {
  readonly status: number;
  readonly body: unknown;
  /** False rolls the organisation back to how it was before the request. */
  readonly commit: boolean;
}

const idempotencyKey = (request: FastifyRequest): string | undefined => {
  const value = request.headers['idempotency-key'];
  return Array.isArray(value) ? value[0] : value;
};

/** Answers a repeated key without running the write; undefined means run it. */
const replayed = (deps: WriteDeps, request: FastifyRequest, reply: FastifyReply, tenantId: string, key: string) => {
  const claim = deps.idempotency.claim(tenantId, key, fingerprint(request.method, request.url, request.body));
  switch (claim.kind) {
    case 'new': return undefined;
    case 'replay': return reply.code(claim.status).header('Idempotent-Replayed', 'true').send(claim.body);
    case 'mismatch': return reply.code(422).send(problem(422, 'Unprocessable Content', `Idempotency-Key '${key}' was already used for a different request.`));
    case 'in-flight': return reply.code(409).send(problem(409, 'Conflict', `A request with Idempotency-Key '${key}' is still being processed.`));
  }
};

/**
 * Runs one write request as a unit: idempotency first (replays still counted against the
 * rate limits, which the guard already took), then the operation against the tenant's
 * organisation, rolled back unless it commits; webhooks only for committed changes.
 */
export const executeWrite = async (
  deps: WriteDeps, request: FastifyRequest, reply: FastifyReply, operation: (uow: UnitOfWork) => WriteResult,
) => {
  const { tenantId, org } = callContext(request);
  const key = idempotencyKey(request);
  if (key !== undefined && (key.trim() === '' || key.length > MAX_KEY_LENGTH)) {
    return reply.code(400).send(postDataInvalid(`Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters long.`));
  }
  if (key !== undefined) {
    const answered = replayed(deps, request, reply, tenantId, key);
    if (answered) return answered;
  }
  const before = org.snapshot();
  const uow = new UnitOfWork(org, deps.now());
  let result: WriteResult;
  try {
    result = operation(uow);
  } catch {
    org.restore(before);
    if (key !== undefined) deps.idempotency.release(tenantId, key);
    return reply.code(500).send(problem(500, 'Internal Server Error', 'An unexpected error occurred'));
  }
  if (result.commit) deps.publish(tenantId, uow.changes);
  else org.restore(before);
  if (key !== undefined) deps.idempotency.complete(tenantId, key, result.status, result.body);
  return reply.code(result.status).send(result.body);
};

/** What every Accounting route needs. */
export interface ApiDeps extends WriteDeps {
  readonly providerName: string;
}
