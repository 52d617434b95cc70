import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProcoreStore } from '../data/store.js';
import { notFound, unprocessable } from '../http/errors.js';
import { actorOf } from '../http/guards.js';
import { bodyOf, pathId, queryOf, single, wrapped } from '../http/params.js';
import type { Json } from '../json/refs.js';
import type { Hook, HookRegistry } from './registry.js';
import { RESOURCE_NAMES } from './resources.js';
import { registerTriggerRoutes } from './trigger-routes.js';
import { apiVersionOf, destinationOf, headersOf, namespaceOf, scopeOf } from './validate.js';

const BASE = '/rest/v1.0/webhooks/hooks';

const hookJson = (h: Hook): Json => ({
  id: h.id, api_version: h.apiVersion, namespace: h.namespace, destination_url: h.destinationUrl,
  destination_headers: h.destinationHeaders, owned_by_company_id: h.scope.companyId, owned_by_project_id: h.scope.projectId,
  owned_by_user_id: h.ownedByUserId,
});

export type HookLookup = (request: FastifyRequest, name?: string) => Hook;

/** A hook is found only within the scope (company_id or project_id) the caller names. */
const hookLookup = (store: ProcoreStore, registry: HookRegistry): HookLookup => (request, name = 'id') => {
  const scope = scopeOf(store, request);
  const hook = registry.hooks.get(pathId(request, name));
  if (!hook || hook.scope.companyId !== scope.companyId || hook.scope.projectId !== scope.projectId) throw notFound('Hook');
  return hook;
};

/** One namespace per integration: the first application to use one owns it. */
const claimNamespace = (registry: HookRegistry, request: FastifyRequest, namespace: string): void => {
  const client = actorOf(request).applicationId ?? '';
  const owner = registry.namespaces.get(namespace);
  if (owner !== undefined && owner !== client) throw unprocessable('namespace is taken by another application', { namespace: ['has already been taken'] });
  registry.namespaces.set(namespace, client);
};

/** Hooks, triggers, deliveries and resources (facts §6.1, §6.4). */
export const registerWebhookRoutes = (app: FastifyInstance, store: ProcoreStore, registry: HookRegistry): void => {
  const hookOf = hookLookup(store, registry);
  app.get('/rest/v1.0/webhooks/resources', async (request) => {
    scopeOf(store, request);
    return RESOURCE_NAMES.map((name) => ({ name }));
  });
  app.post(BASE, async (request, reply) => {
    const scope = scopeOf(store, request);
    const fields = wrapped(bodyOf(request), 'hook');
    const namespace = namespaceOf(fields.namespace);
    const hook: Hook = {
      id: store.nextId(), scope, apiVersion: apiVersionOf(fields.api_version), namespace,
      destinationUrl: destinationOf(fields.destination_url), destinationHeaders: headersOf(fields.destination_headers),
      ownedByUserId: actorOf(request).userId,
    };
    claimNamespace(registry, request, namespace);
    registry.hooks.set(hook.id, hook);
    return reply.code(201).send(hookJson(hook));
  });
  app.get(BASE, async (request) => {
    const scope = scopeOf(store, request);
    const namespace = single(queryOf(request), 'namespace');
    return [...registry.hooks.values()]
      .filter((h) => h.scope.companyId === scope.companyId && h.scope.projectId === scope.projectId && (!namespace || h.namespace === namespace))
      .map(hookJson);
  });
  registerHookByIdRoutes(app, registry, hookOf);
  registerTriggerRoutes(app, store, registry, hookOf);
};

const registerHookByIdRoutes = (app: FastifyInstance, registry: HookRegistry, hookOf: HookLookup): void => {
  app.get(`${BASE}/:id`, async (request) => hookJson(hookOf(request)));
  app.patch(`${BASE}/:id`, async (request) => {
    const hook = hookOf(request);
    const fields = wrapped(bodyOf(request), 'hook');
    const next = {
      apiVersion: fields.api_version === undefined ? hook.apiVersion : apiVersionOf(fields.api_version),
      namespace: fields.namespace === undefined ? hook.namespace : namespaceOf(fields.namespace),
      destinationUrl: fields.destination_url === undefined ? hook.destinationUrl : destinationOf(fields.destination_url),
      destinationHeaders: fields.destination_headers === undefined ? hook.destinationHeaders : headersOf(fields.destination_headers),
    };
    if (next.namespace !== hook.namespace) claimNamespace(registry, request, next.namespace);
    return hookJson(Object.assign(hook, next));
  });
  app.delete(`${BASE}/:id`, async (request, reply) => {
    registry.removeHook(hookOf(request).id);
    return reply.code(204).send();
  });
};
