import type { EventStore } from '../../../eventstore/index.js';
import type { FailureSummary } from './outbound-events.js';

/**
 * The operator's list of failed requests: one small stream, so listing is a read of one
 * stream rather than a scan of every audit stream. Written by the ledger projector from the
 * audit events (at least once, ids derived from them), read here with an in-memory cache.
 */
export const FAILURE_LEDGER_STREAM = 'system.outbound.failures';

export const LEDGER_EVENT = {
  recorded: 'OutboundFailureRecorded.v1',
  retried: 'OutboundFailureRetried.v1',
  resolved: 'OutboundFailureResolved.v1',
} as const;

/** `dead-lettered`: the retry budget ran out. `failed`: the target refused it. `retrying`: an operator asked again. */
export type FailureStatus = 'dead-lettered' | 'failed' | 'retrying';

export interface FailureRecordedData {
  readonly requestId: string;
  readonly connection: string;
  readonly result: 'dead-lettered' | 'failed';
  readonly requestType: string;
  readonly target: string;
  readonly auditStream: string;
  readonly sagaStream: string;
  readonly documentStream: string;
  readonly cycle: number;
  readonly attempts: number;
  readonly error: FailureSummary;
  readonly failedAt: string;
}

export interface FailureProgressData {
  readonly requestId: string;
  readonly cycle: number;
  readonly at: string;
}

export interface FailureEntry extends FailureRecordedData {
  readonly status: FailureStatus;
  readonly retriedAt: string | null;
  /** Ledger revision of the latest record: the list's order and its cursor. */
  readonly position: number;
}

export interface FailureQuery {
  readonly connection?: string;
  readonly status?: FailureStatus;
  readonly limit: number;
  /** Only entries older than this position (the previous page's `nextCursor`). */
  readonly before?: number;
}

export interface FailurePage {
  readonly items: FailureEntry[];
  readonly nextCursor: number | null;
}

export class FailureLedger {
  private readonly entries = new Map<string, FailureEntry>();
  private revision = -1;
  private refreshing: Promise<void> = Promise.resolve();

  /** `onChange` gets the number of dead-lettered requests (for the gauge). */
  constructor(private readonly store: EventStore, private readonly onChange?: (deadLettered: number) => void) {}

  /** Reads what was appended since the last refresh; refreshes are queued so none is lost. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.catch(() => undefined).then(() => this.readNew());
    return this.refreshing;
  }

  async list(query: FailureQuery): Promise<FailurePage> {
    await this.refresh();
    const matching = [...this.entries.values()]
      .filter((e) => (query.connection === undefined || e.connection === query.connection) && (query.status === undefined || e.status === query.status))
      .filter((e) => query.before === undefined || e.position < query.before)
      .sort((a, b) => b.position - a.position);
    const items = matching.slice(0, query.limit);
    return { items, nextCursor: matching.length > items.length ? items.at(-1)!.position : null };
  }

  async get(requestId: string): Promise<FailureEntry | undefined> {
    await this.refresh();
    return this.entries.get(requestId);
  }

  private async readNew(): Promise<void> {
    const events = await this.store.readStream(FAILURE_LEDGER_STREAM, { fromRevision: this.revision + 1 });
    for (const event of events) {
      this.apply(event.type, event.data, event.revision);
      this.revision = event.revision;
    }
    if (events.length > 0) this.onChange?.([...this.entries.values()].filter((e) => e.status === 'dead-lettered').length);
  }

  private apply(type: string, data: unknown, revision: number): void {
    if (type === LEDGER_EVENT.recorded) {
      const recorded = data as FailureRecordedData;
      this.entries.set(recorded.requestId, { ...recorded, status: recorded.result, retriedAt: null, position: revision });
      return;
    }
    const progress = data as FailureProgressData;
    const entry = this.entries.get(progress.requestId);
    if (!entry) return;
    if (type === LEDGER_EVENT.resolved) this.entries.delete(progress.requestId);
    else if (type === LEDGER_EVENT.retried) this.entries.set(progress.requestId, { ...entry, status: 'retrying', retriedAt: progress.at });
  }
}
