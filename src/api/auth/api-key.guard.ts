import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiKeyRing, type Role } from './api-keys.js';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';

const problem = (status: 401 | 403, detail: string) => ({
  type: `https://trestle.dev/problems/${status === 401 ? 'unauthorized' : 'forbidden'}`,
  title: status === 401 ? 'Unauthorized' : 'Forbidden',
  status,
  detail,
});

/** The key from `x-api-key`, or `Authorization: Bearer <key>`. */
const presentedKey = (request: FastifyRequest): string | undefined => {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = request.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
};

/**
 * Default deny: a route is reachable only when marked @Public() or @Roles(...). A missing
 * or unknown key is 401, a known key with the wrong role 403, both as problem bodies.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly keys: ApiKeyRing) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    const request = context.switchToHttp().getRequest<FastifyRequest & { apiKey?: unknown }>();
    const key = presentedKey(request);
    if (!key) throw new UnauthorizedException(problem(401, 'send an API key in the x-api-key header'));
    const entry = this.keys.identify(key);
    if (!entry) throw new UnauthorizedException(problem(401, 'the API key is not valid'));
    if (entry.role !== 'admin' && !roles.includes(entry.role)) {
      throw new ForbiddenException(problem(403, `this route needs the ${roles.length ? roles.join(' or ') : 'admin'} role; the key has ${entry.role}`));
    }
    request.apiKey = { role: entry.role, name: entry.name };
    return true;
  }
}
