import { createHmac, randomUUID } from 'node:crypto';
import { WebhookDispatcher, type DeliveryPolicy, type DeliveryRecord, type FaultInjector } from '../kit/index.js';
import { legacyWebhookTime } from './model/clock.js';
import type { ChangeEvent, ChangeOperation } from './model/company.js';

export type WebhookFormat = 'legacy' | 'cloudevents';

export interface QboWebhookOptions {
  /** Where notifications go; none are sent until one is configured. */
  readonly url?: string;
  readonly verifierToken: string;
  readonly format: WebhookFormat;
  readonly policy?: DeliveryPolicy;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h, then every 6 h (facts §11.5). */
const RETRY_SCHEDULE_MS = [10 * SECOND, 20 * SECOND, 30 * SECOND, 5 * MINUTE, 20 * MINUTE, 2 * HOUR, 4 * HOUR, 6 * HOUR];

/** Intuit's delivery: 3 s to answer, then the retry schedule, for ever every 6 hours. */
export const INTUIT_DELIVERY_POLICY: DeliveryPolicy = {
  timeoutMs: 3000,
  retryDelayMs: (attempt) => RETRY_SCHEDULE_MS[attempt - 1] ?? 6 * HOUR,
};

const VERBS: Readonly<Record<ChangeOperation, string>> = { Create: 'created', Update: 'updated', Delete: 'deleted', Void: 'voided' };

/** base64(HMAC-SHA256(verifier token, raw body)) — the `intuit-signature` header. */
export const signIntuit = (verifierToken: string, body: string): string =>
  createHmac('sha256', verifierToken).update(body).digest('base64');

const legacyBody = (event: ChangeEvent): string => JSON.stringify({
  eventNotifications: [{
    realmId: event.realmId,
    dataChangeEvent: { entities: [{ name: event.entity, id: event.id, operation: event.operation, lastUpdated: legacyWebhookTime(event.at) }] },
  }],
});

const cloudEventsBody = (event: ChangeEvent): string => JSON.stringify([{
  specversion: '1.0',
  id: randomUUID(),
  source: 'intuit.trestle-sandbox',
  type: `qbo.${event.entity.toLowerCase()}.${VERBS[event.operation]}.v1`,
  datacontenttype: 'application/json',
  time: event.at.toISOString(),
  intuitentityid: event.id,
  intuitaccountid: event.realmId,
  data: {},
}]);

/**
 * Turns entity changes into Intuit webhook notifications, one per change (the sandbox has
 * no aggregation window), signed and delivered by the kit's ordered dispatcher.
 */
export class QboWebhooks {
  readonly dispatcher: WebhookDispatcher;
  private options: QboWebhookOptions;

  constructor(faults: FaultInjector, options: QboWebhookOptions | undefined, private readonly clock: () => Date) {
    this.options = options ?? { verifierToken: 'sandbox-verifier-token', format: 'cloudevents' };
    this.dispatcher = new WebhookDispatcher(faults, this.options.policy ?? INTUIT_DELIVERY_POLICY);
  }

  get verifierToken(): string {
    return this.options.verifierToken;
  }

  get log(): readonly DeliveryRecord[] {
    return this.dispatcher.log;
  }

  configure(change: Partial<Pick<QboWebhookOptions, 'url' | 'format' | 'verifierToken'>>): void {
    this.options = { ...this.options, ...change };
  }

  notify(event: ChangeEvent): void {
    const url = this.options.url;
    if (!url) return;
    const body = this.options.format === 'legacy' ? legacyBody(event) : cloudEventsBody(event);
    this.dispatcher.send({
      id: randomUUID(),
      url,
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'intuit-signature': signIntuit(this.options.verifierToken, body),
        'intuit-created-time': this.clock().toISOString(),
        'intuit-t-id': randomUUID(),
        'intuit-notification-schema-version': '0.1',
        'user-agent': 'intuit_notification_server/0.1',
      },
    });
  }

  drain(timeoutMs?: number): Promise<void> {
    return this.dispatcher.drain(timeoutMs);
  }

  stop(): void {
    this.dispatcher.stop();
  }
}
