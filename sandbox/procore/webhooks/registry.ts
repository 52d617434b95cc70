import type { DeliveryRecord, WebhookDispatcher } from '../../kit/index.js';
import type { Id } from '../data/model.js';
import type { ChangeNotice, ProcoreStore } from '../data/store.js';
import { type PayloadVersion, payloadFor, ulid, type WebhookEvent } from './payloads.js';
import type { EventType, ResourceName } from './resources.js';

/** Where a hook or trigger lives: a company, or one project of it. */
export interface Scope { readonly companyId: Id | null; readonly projectId: Id | null }

export interface Hook {
  readonly id: Id;
  readonly scope: Scope;
  apiVersion: PayloadVersion;
  namespace: string;
  destinationUrl: string;
  destinationHeaders: Record<string, string>;
  readonly ownedByUserId: Id;
}

export interface Trigger {
  readonly id: Id;
  readonly hookId: Id;
  readonly scope: Scope;
  readonly apiVersion: PayloadVersion;
  readonly resourceName: ResourceName;
  readonly resourceId: Id | null;
  readonly eventType: EventType;
  readonly userId: Id;
}

export interface Delivery {
  readonly hookId: Id;
  readonly messageId: string;
  readonly event: Record<string, unknown>;
  readonly eventId: number | string;
  readonly startedAt: string;
}

const sameScope = (a: Scope, b: Scope): boolean => a.companyId === b.companyId && a.projectId === b.projectId;

/**
 * Hooks, triggers and the delivery log. A change reaches a hook only through a trigger with
 * the hook's scope and api_version (facts §6.1: otherwise nothing is delivered); a project
 * hook only hears about its own project, so company-level resources never reach it.
 */
export class HookRegistry {
  readonly hooks = new Map<Id, Hook>();
  readonly triggers = new Map<Id, Trigger>();
  readonly deliveries: Delivery[] = [];
  /** Namespace → the OAuth client that claimed it (one per integration). */
  readonly namespaces = new Map<string, string>();
  private lastEventId = 880_000_000;

  constructor(private readonly store: ProcoreStore, private readonly dispatcher: WebhookDispatcher) {
    store.subscribe((notice) => this.publish(notice));
  }

  triggersOf(hookId: Id): Trigger[] {
    return [...this.triggers.values()].filter((t) => t.hookId === hookId);
  }

  removeHook(id: Id): void {
    this.hooks.delete(id);
    for (const trigger of this.triggersOf(id)) this.triggers.delete(trigger.id);
  }

  recordOf(delivery: Delivery): DeliveryRecord | undefined {
    return this.dispatcher.log.find((r) => r.message.id === delivery.messageId);
  }

  private publish(notice: ChangeNotice): void {
    const targets = [...this.hooks.values()].filter((hook) => this.listens(hook, notice));
    if (targets.length === 0) return;
    const event: WebhookEvent = { id: ++this.lastEventId, ulid: ulid(notice.at), notice, companyId: this.store.company.id };
    for (const hook of targets) this.deliver(hook, event);
  }

  private listens(hook: Hook, notice: ChangeNotice): boolean {
    if (hook.scope.projectId !== null && hook.scope.projectId !== notice.projectId) return false;
    return this.triggersOf(hook.id).some((t) => sameScope(t.scope, hook.scope) && t.apiVersion === hook.apiVersion
      && t.resourceName === notice.resourceName && t.eventType === notice.eventType
      && (t.resourceId === null || t.resourceId === notice.resourceId));
  }

  private deliver(hook: Hook, event: WebhookEvent): void {
    const body = payloadFor(hook.apiVersion, event);
    const messageId = `${event.ulid}-${hook.id}`;
    this.deliveries.push({ hookId: hook.id, messageId, event: body, eventId: body.id as number | string, startedAt: event.notice.at.toISOString() });
    this.dispatcher.send({
      id: messageId, url: hook.destinationUrl, body: JSON.stringify(body),
      headers: { ...hook.destinationHeaders, 'content-type': 'application/json', 'user-agent': 'Procore-Webhooks (sandbox)' },
    });
  }
}
