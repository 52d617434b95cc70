import type { FaultInjector, WebhookFault } from './faults.js';

export interface WebhookMessage {
  /** Sender-side id of this notification (what a delivery log shows). */
  readonly id: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The exact bytes sent; signatures are computed over them. */
  readonly body: string;
}

export interface DeliveryPolicy {
  /** The sender gives up on one attempt after this long (Procore 5 s, Intuit 3 s, Xero 5 s). */
  readonly timeoutMs: number;
  /** Delay before retry n (1-based); undefined ends retrying and discards the message. */
  readonly retryDelayMs: (attempt: number) => number | undefined;
}

export type DeliveryOutcome = 'pending' | 'ok' | 'retrying' | 'discarded' | 'dropped';

export interface DeliveryRecord {
  readonly message: WebhookMessage;
  outcome: DeliveryOutcome;
  attempts: number;
  lastStatus?: number;
  lastError?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers webhooks the way the senders do: one destination's queue in order, paused and
 * retried with backoff when the receiver fails, subject to injected drops, duplicates and
 * reordering.
 */
export class WebhookDispatcher {
  readonly log: DeliveryRecord[] = [];
  private readonly queues = new Map<string, DeliveryRecord[]>();
  private readonly running = new Map<string, Promise<void>>();
  private held: DeliveryRecord[] = [];
  private stopped = false;

  constructor(private readonly faults: FaultInjector, private readonly policy: DeliveryPolicy) {}

  send(message: WebhookMessage): void {
    const record: DeliveryRecord = { message, outcome: 'pending', attempts: 0 };
    this.log.push(record);
    const fault = this.takeFault();
    if (fault?.kind === 'drop') {
      record.outcome = 'dropped';
      return;
    }
    if (fault?.kind === 'duplicate') {
      // Copies race the original, as a sender retrying a delivery it thinks was lost.
      for (let i = 0; i < fault.copies; i++) void this.attempt({ message, outcome: 'pending', attempts: 0 });
    }
    if (fault?.kind === 'reorder') {
      this.held.push(record);
      if (this.held.length < fault.batch) return;
      const batch = this.held.reverse();
      this.held = [];
      this.consumeReorder();
      for (const held of batch) this.enqueue(held);
      return;
    }
    this.enqueue(record);
  }

  /** Resolves once every queue is empty (held reorders excepted). */
  async drain(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ([...this.queues.values()].some((q) => q.length > 0) && Date.now() < deadline) await sleep(10);
  }

  stop(): void {
    this.stopped = true;
  }

  private enqueue(record: DeliveryRecord): void {
    const url = record.message.url;
    const queue = this.queues.get(url) ?? [];
    queue.push(record);
    this.queues.set(url, queue);
    if (!this.running.has(url)) {
      const run = this.pump(url).finally(() => this.running.delete(url));
      this.running.set(url, run);
    }
  }

  private async pump(url: string): Promise<void> {
    const queue = this.queues.get(url)!;
    while (queue.length > 0 && !this.stopped) {
      const record = queue[0]!;
      const delivered = await this.attempt(record);
      if (delivered || record.outcome === 'discarded') {
        queue.shift();
        continue;
      }
      const delay = this.policy.retryDelayMs(record.attempts);
      if (delay === undefined) {
        record.outcome = 'discarded';
        queue.shift();
        continue;
      }
      record.outcome = 'retrying';
      await sleep(delay);
    }
  }

  private async attempt(record: DeliveryRecord): Promise<boolean> {
    record.attempts++;
    try {
      const response = await fetch(record.message.url, {
        method: 'POST',
        headers: record.message.headers,
        body: record.message.body,
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      record.lastStatus = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) {
        record.outcome = 'ok';
        return true;
      }
      record.lastError = `HTTP ${response.status}`;
    } catch (error) {
      record.lastError = (error as Error).name === 'TimeoutError' ? 'timeout' : (error as Error).message;
    }
    return false;
  }

  private takeFault(): WebhookFault | undefined {
    const faults = this.faults.webhookFaults;
    const fault = faults[0];
    if (!fault || fault.kind === 'reorder') return fault;
    const remaining = (fault.count ?? Number.POSITIVE_INFINITY) - 1;
    if (remaining <= 0) faults.shift();
    else faults[0] = { ...fault, count: remaining };
    return fault;
  }

  private consumeReorder(): void {
    const faults = this.faults.webhookFaults;
    if (faults[0]?.kind === 'reorder') faults.shift();
  }
}
