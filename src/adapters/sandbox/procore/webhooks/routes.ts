import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeliveryRecord } from '../../kit/index.js';
import type { ProcoreStore } from '../data/store.js';
import { badRequest, notFound, unprocessable } from '../http/errors.js';
import { actorOf } from '../http/guards.js';
import { bodyOf, pathId, positiveInt, queryOf, single, wrapped } from '../http/params.js';
import type { Json } from '../json/refs.js';
import type { Delivery, Hook, HookRegistry, Trigger } from './registry.js';
import { EVENT_TYPES, type EventType, isResourceName, RESOURCE_NAMES } from './resources.js';
import { apiVersionOf, destinationOf, headersOf, namespaceOf, scopeOf } from './validate.js';

const hookJson = (h: Hook): Json => ({
  id: h.id, api_version: h.apiVersion, namespace: h.namespace, destination_url: h.destinationUrl,
  destination_headers: h.destinationHeaders, owned_by_company_id: h.scope.companyId, owned_by_project_id: h.scope.projectId,
  owned_by_user_id: h.ownedByUserId,
});

const triggerJson = (t: Trigger): Json => ({
  id: t.id, webhook_hook_id: t.hookId, resource_name: t.resourceName, resource_id: t.resourceId, event_type: t.eventType,
  company_id: t.scope.companyId, project_id: t.scope.projectId, user_id: t.userId, api_version: t.apiVersion,
});

/** Dispatcher outcomes in the deliveries API's words; an injected drop looks like a discard. */
const outcomeOf = (record: DeliveryRecord | undefined): string => {
  if (!record || record.outcome === 'pending') return record && record.attempts > 0 ? 'retried' : 'failed';
  if (record.outcome === 'ok') return 'ok';
  return record.outcome === 'retrying' ? 'retried' : 'discarded';
};
const STATUS_FILTER: Readonly<Record<string, readonly string[]>> = {
  any: ['ok', 'retried', 'failed', 'discarded'], successful: ['ok'], discarded: ['discarded'], failing: ['retried', 'failed'],
};

const deliveryJson = (d: Delivery, record: DeliveryRecord | undefined): Json => ({
  id: d.messageId, event: d.event, event_id: d.eventId, outcome: outcomeOf(record), response_status: record?.lastStatus ?? null,
  response_headers: null, response_body: null, response_error: record?.outcome === 'ok' ? null : record?.lastError ?? null,
  started_at: d.startedAt, completed_at: record?.outcome === 'ok' ? d.startedAt : null,
});

/** Hooks, triggers, deliveries and resources (facts §6.1, §6.4). */
export const registerWebhookRoutes = (app: FastifyInstance, store: ProcoreStore, registry: HookRegistry): void => {
  const base = '/rest/v1.0/webhooks/hooks';
  const hookOf = (request: FastifyRequest, name = 'id'): Hook => {
    const scope = scopeOf(store, request);
    const hook = registry.hooks.get(pathId(request, name));
    if (!hook || hook.scope.companyId !== scope.companyId || hook.scope.projectId !== scope.projectId) throw notFound('Hook');
    return hook;
  };
  const claimNamespace = (request: FastifyRequest, namespace: string): void => {
    const client = actorOf(request).applicationId ?? '';
    const owner = registry.namespaces.get(namespace);
    if (owner !== undefined && owner !== client) throw unprocessable('namespace is taken by another application', { namespace: ['has already been taken'] });
    registry.namespaces.set(namespace, client);
  };

  app.get('/rest/v1.0/webhooks/resources', async (request) => {
    scopeOf(store, request);
    return RESOURCE_NAMES.map((name) => ({ name }));
  });
  app.post(base, async (request, reply) => {
    const scope = scopeOf(store, request);
    const fields = wrapped(bodyOf(request), 'hook');
    const namespace = namespaceOf(fields.namespace);
    const hook: Hook = {
      id: store.nextId(), scope, apiVersion: apiVersionOf(fields.api_version), namespace,
      destinationUrl: destinationOf(fields.destination_url), destinationHeaders: headersOf(fields.destination_headers),
      ownedByUserId: actorOf(request).userId,
    };
    claimNamespace(request, namespace);
    registry.hooks.set(hook.id, hook);
    return reply.code(201).send(hookJson(hook));
  });
  app.get(base, async (request) => {
    const scope = scopeOf(store, request);
    const namespace = single(queryOf(request), 'namespace');
    return [...registry.hooks.values()]
      .filter((h) => h.scope.companyId === scope.companyId && h.scope.projectId === scope.projectId && (!namespace || h.namespace === namespace))
      .map(hookJson);
  });
  app.get(`${base}/:id`, async (request) => hookJson(hookOf(request)));
  app.patch(`${base}/:id`, async (request) => {
    const hook = hookOf(request);
    const fields = wrapped(bodyOf(request), 'hook');
    const next = {
      apiVersion: fields.api_version === undefined ? hook.apiVersion : apiVersionOf(fields.api_version),
      namespace: fields.namespace === undefined ? hook.namespace : namespaceOf(fields.namespace),
      destinationUrl: fields.destination_url === undefined ? hook.destinationUrl : destinationOf(fields.destination_url),
      destinationHeaders: fields.destination_headers === undefined ? hook.destinationHeaders : headersOf(fields.destination_headers),
    };
    if (next.namespace !== hook.namespace) claimNamespace(request, next.namespace);
    return hookJson(Object.assign(hook, next));
  });
  app.delete(`${base}/:id`, async (request, reply) => {
    registry.removeHook(hookOf(request).id);
    return reply.code(204).send();
  });
  registerTriggerRoutes(app, store, registry, hookOf);
};

const registerTriggerRoutes = (
  app: FastifyInstance, store: ProcoreStore, registry: HookRegistry, hookOf: (request: FastifyRequest, name?: string) => Hook,
): void => {
  const base = '/rest/v1.0/webhooks/hooks/:hook_id';
  app.post(`${base}/triggers`, async (request, reply) => {
    const hook = hookOf(request, 'hook_id');
    const body = bodyOf(request);
    const fields = wrapped(body, 'trigger');
    if (!isResourceName(fields.resource_name)) throw badRequest('resource_name is not a webhook resource', { resource_name: ['is not included in the list'] });
    if (!(EVENT_TYPES as readonly unknown[]).includes(fields.event_type)) throw badRequest('event_type must be create, update or delete', { event_type: ['is not included in the list'] });
    // api_version is the trigger's own: one that differs from the hook's is accepted and silently never delivers.
    const trigger: Trigger = {
      id: store.nextId(), hookId: hook.id, scope: scopeOf(store, request), apiVersion: apiVersionOf(body.api_version),
      resourceName: fields.resource_name, eventType: fields.event_type as EventType, userId: actorOf(request).userId,
      resourceId: fields.resource_id === undefined || fields.resource_id === null ? null : positiveInt(fields.resource_id, 'resource_id'),
    };
    registry.triggers.set(trigger.id, trigger);
    return reply.code(201).send(triggerJson(trigger));
  });
  app.get(`${base}/triggers`, async (request) => registry.triggersOf(hookOf(request, 'hook_id').id).map(triggerJson));
  app.delete(`${base}/triggers/:id`, async (request, reply) => {
    const hook = hookOf(request, 'hook_id');
    const trigger = registry.triggers.get(pathId(request));
    if (!trigger || trigger.hookId !== hook.id) throw notFound('Trigger');
    registry.triggers.delete(trigger.id);
    return reply.code(204).send();
  });
  app.get(`${base}/deliveries`, async (request) => {
    const hook = hookOf(request, 'hook_id');
    const status = single(queryOf(request), 'filter[status]') ?? 'any';
    const wanted = STATUS_FILTER[status];
    if (!wanted) throw badRequest('filter[status] must be any, successful, discarded or failing');
    return registry.deliveries.filter((d) => d.hookId === hook.id)
      .map((d) => deliveryJson(d, registry.recordOf(d))).filter((d) => wanted.includes(String(d.outcome)));
  });
};
