import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { hashKey } from './api-keys.js';

/** sha256 of the key /metrics requires (config `metrics.key`), or null when it is open. */
export const METRICS_KEY_HASH = Symbol('MetricsKeyHash');

const METRICS_PATH = '/metrics';

const presented = (request: FastifyRequest): string | undefined => {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = request.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
};

/**
 * /metrics names every connection and target, so a deployment may close it to all but its
 * scraper: with `metrics.key` configured, it needs that key (Prometheus `authorization:
 * { credentials: ... }` sends it as a Bearer token). Every other route passes through.
 */
@Injectable()
export class MetricsKeyGuard implements CanActivate {
  constructor(@Inject(METRICS_KEY_HASH) private readonly keyHash: Buffer | null) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.keyHash === null) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.url.split('?', 1)[0] !== METRICS_PATH) return true;
    const key = presented(request);
    if (key !== undefined && timingSafeEqual(hashKey(key), this.keyHash)) return true;
    throw new UnauthorizedException({
      type: 'https://trestle.dev/problems/unauthorized', title: 'Unauthorized', status: 401,
      detail: 'metrics need the metrics key (config metrics.key) as a Bearer token or in x-api-key',
    });
  }
}
