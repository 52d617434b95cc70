import { randomUUID } from 'node:crypto';
import { WebhookDispatcher, type DeliveryPolicy, type FaultInjector } from '../../kit/index.js';
import { isoNoZone } from '../support/dates.js';
import type { Change, ChangeCategory } from '../org/model.js';
import { runIntentToReceive, type ItrOptions, type ItrResult } from './intent-to-receive.js';
import { entropy, signXero } from './signature.js';

/** Where each event category's resource is read (facts §9.1). */
const RESOURCE: Readonly<Record<ChangeCategory, string>> = { INVOICE: 'Invoices', CONTACT: 'Contacts', CREDITNOTE: 'CreditNotes' };

export interface XeroWebhookOptions {
  /** Delivery URL, treated as already verified; omit it to require a passing ITR first. */
  readonly url?: string;
  readonly webhookKey: string;
  readonly policy?: DeliveryPolicy;
}

export interface XeroEvent {
  readonly resourceUrl: string;
  readonly resourceId: string;
  readonly tenantId: string;
  readonly tenantType: 'ORGANISATION';
  readonly eventCategory: Change['category'];
  readonly eventType: Change['type'];
  readonly eventDateUtc: string;
  readonly sequence: number;
}

/** 'disabled' after a delivery was retried for the whole window; only a passing ITR re-enables it. */
export type SubscriptionStatus = 'unconfigured' | 'awaiting-itr' | 'active' | 'disabled';

/** Xero retries with decreasing frequency for up to 24 hours: 1, 2, 4 ... minutes, capped at 4 hours apart. */
export const xeroDeliveryPolicy = (timeoutMs = 5000, windowMs = 24 * 3600_000, firstDelayMs = 60_000): DeliveryPolicy => ({
  timeoutMs,
  retryDelayMs: (attempt) => {
    let elapsed = 0;
    for (let n = 1; n <= attempt; n++) elapsed += Math.min(firstDelayMs * 2 ** (n - 1), windowMs / 6);
    return elapsed > windowMs ? undefined : Math.min(firstDelayMs * 2 ** (attempt - 1), windowMs / 6);
  },
});

export class XeroWebhooks {
  readonly dispatcher: WebhookDispatcher;
  /** Every event the simulator produced, whether or not it was delivered. */
  readonly events: XeroEvent[] = [];
  status: SubscriptionStatus;
  url: string | undefined;
  private sequence = 0;

  constructor(faults: FaultInjector, private readonly options: XeroWebhookOptions | undefined, private readonly apiBase: () => string, private readonly now: () => number) {
    this.url = options?.url;
    this.status = !options ? 'unconfigured' : options.url ? 'active' : 'awaiting-itr';
    const policy = options?.policy ?? xeroDeliveryPolicy();
    this.dispatcher = new WebhookDispatcher(faults, {
      timeoutMs: policy.timeoutMs,
      retryDelayMs: (attempt) => {
        const delay = policy.retryDelayMs(attempt);
        if (delay === undefined) this.status = 'disabled';
        return delay;
      },
    });
  }

  /** One payload per committed request, its events numbered consecutively. */
  publish(tenantId: string, changes: readonly Change[]): void {
    if (changes.length === 0) return;
    const events = changes.map((c): XeroEvent => ({
      resourceUrl: `${this.apiBase()}/${RESOURCE[c.category]}/${c.id}`, resourceId: c.id,
      tenantId, tenantType: 'ORGANISATION', eventCategory: c.category, eventType: c.type, eventDateUtc: isoNoZone(this.now()), sequence: ++this.sequence,
    }));
    this.events.push(...events);
    if (this.status !== 'active' || !this.url || !this.options) return;
    const body = JSON.stringify({
      events: events.map(({ sequence: _sequence, ...event }) => event),
      firstEventSequence: events[0]!.sequence, lastEventSequence: events[events.length - 1]!.sequence, entropy: entropy(),
    });
    const headers = { 'content-type': 'application/json', 'x-xero-signature': signXero(this.options.webhookKey, body) };
    this.dispatcher.send({ id: randomUUID(), url: this.url, headers, body });
  }

  /** Runs ITR against `url`; passing makes it the delivery URL and (re-)enables the subscription. */
  async runIntentToReceive(url: string, options?: ItrOptions): Promise<ItrResult> {
    if (!this.options) throw new Error('No webhook key configured: start the sandbox with webhook.webhookKey');
    const result = await runIntentToReceive(url, this.options.webhookKey, options);
    if (result.passed) {
      this.url = url;
      this.status = 'active';
    }
    return result;
  }
}
