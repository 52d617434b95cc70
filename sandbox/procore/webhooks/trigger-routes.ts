import type { FastifyInstance } from 'fastify';
import type { DeliveryRecord } from '../../kit/index.js';
import type { ProcoreStore } from '../data/store.js';
import { badRequest, notFound } from '../http/errors.js';
import { actorOf } from '../http/guards.js';
import { bodyOf, pathId, positiveInt, queryOf, single, wrapped } from '../http/params.js';
import type { Json } from '../json/refs.js';
import type { HookLookup } from './hook-routes.js';
import type { Delivery, HookRegistry, Trigger } from './registry.js';
import { EVENT_TYPES, type EventType, isResourceName } from './resources.js';
import { apiVersionOf, scopeOf } from './validate.js';

const triggerJson = (t: Trigger): Json => ({
  id: t.id, webhook_hook_id: t.hookId, resource_name: t.resourceName, resource_id: t.resourceId, event_type: t.eventType,
  company_id: t.scope.companyId, project_id: t.scope.projectId, user_id: t.userId, api_version: t.apiVersion,
});

/**
 * Dispatcher outcomes in the deliveries API's words (ok|discarded|retried|failed): a message
 * between attempts is "retried", an injected drop looks like a discard; not yet attempted is unlisted.
 */
const outcomeOf = (record: DeliveryRecord | undefined): string | null => {
  if (!record || (record.outcome === 'pending' && record.attempts === 0)) return null;
  if (record.outcome === 'ok') return 'ok';
  return record.outcome === 'retrying' || record.outcome === 'pending' ? 'retried' : 'discarded';
};
const STATUS_FILTER: Readonly<Record<string, readonly string[]>> = {
  any: ['ok', 'retried', 'failed', 'discarded'], successful: ['ok'], discarded: ['discarded'], failing: ['retried', 'failed'],
};

const deliveryJson = (d: Delivery, record: DeliveryRecord | undefined, outcome: string): Json => ({
  id: d.messageId, event: d.event, event_id: d.eventId, outcome, response_status: record?.lastStatus ?? null,
  response_headers: null, response_body: null, response_error: record?.outcome === 'ok' ? null : record?.lastError ?? null,
  started_at: d.startedAt, completed_at: record?.outcome === 'ok' ? d.startedAt : null,
});

/** Triggers (resource + event) of one hook, and its delivery log. */
export const registerTriggerRoutes = (app: FastifyInstance, store: ProcoreStore, registry: HookRegistry, hookOf: HookLookup): void => {
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
    return registry.deliveries.filter((d) => d.hookId === hook.id).flatMap((d) => {
      const record = registry.recordOf(d);
      const outcome = outcomeOf(record);
      return outcome && wanted.includes(outcome) ? [deliveryJson(d, record, outcome)] : [];
    });
  });
};
