import { deterministicEventId, positionToString, type AllPosition, type EventStore, type RecordedEvent } from '../../eventstore/index.js';
import { defaultBackoff, sleep } from './backoff.js';
import { InFlightWindow } from './in-flight-window.js';
import type { StoreOutageGate } from './store-availability.js';
import { parkedStream, silentLogger, type Logger, type ParkedEventData, type SubscriptionHandler } from './subscription-handler.js';

export interface RunnerOptions {
  /** Attempts before an event is parked (default 5). */
  readonly maxAttempts?: number;
  /** Delay before retry n (default: 100 ms doubling, 5 s cap, with jitter). */
  readonly backoffMs?: (attempt: number) => number;
  /** Save the checkpoint at least every this many events (default 100) and when idle. */
  readonly checkpointEvery?: number;
  readonly logger?: Logger;
  readonly onProcessed?: (subscriber: string, event: RecordedEvent, lagMs: number) => void;
  readonly onParked?: (subscriber: string, event: RecordedEvent) => void;
  readonly now?: () => Date;
  /**
   * Events handled at once (default 1). Events with the same partition key (default: their
   * stream) still run one after another, in order.
   */
  readonly concurrency?: number;
  readonly partitionKey?: (event: RecordedEvent) => string;
  /**
   * Asked after a failure: while the store is unreachable the runner waits here, and the
   * failure uses none of the event's attempts (an outage must not park anything).
   */
  readonly outages?: StoreOutageGate;
}

export interface RunnerStatus {
  readonly name: string;
  readonly position: string | null;
  readonly processed: number;
  readonly parked: number;
  readonly running: boolean;
}

/**
 * Runs one subscriber from its durable checkpoint: at least once, in commit order. A
 * failing event is retried with backoff, then parked in `system.parked.{name}` so the rest
 * keep flowing. The checkpoint advances only after the handler finished with an event.
 */
export class SubscriptionRunner {
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private position: AllPosition | undefined;
  private savedPosition: AllPosition | undefined;
  private processed = 0;
  private parked = 0;
  private sinceSave = 0;
  private loaded = false;
  private restarts = 0;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly store: EventStore, private readonly handler: SubscriptionHandler, private readonly options: RunnerOptions = {}) {}

  get name(): string {
    return this.handler.name;
  }

  start(): void {
    this.loop ??= this.run().catch((error: unknown) => {
      this.logger.error({ subscriber: this.name, err: error }, 'subscription stopped on an error');
    });
  }

  /** Graceful: finishes the event in hand, saves the checkpoint, then resolves. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await this.saveCheckpoint();
  }

  status(): RunnerStatus {
    return { name: this.name, position: this.position ? positionToString(this.position) : null, processed: this.processed, parked: this.parked, running: this.loop !== undefined && !this.abort.signal.aborted };
  }

  private get logger(): Logger {
    return this.options.logger ?? silentLogger;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    const idleSaver = setInterval(() => void this.saveCheckpoint().catch(() => undefined), 500);
    try {
      while (!signal.aborted) {
        try {
          return await this.runFromPosition(signal);
        } catch (error) {
          if (signal.aborted) return;
          await this.beforeRestart(error, signal);
        }
      }
    } finally {
      clearInterval(idleSaver);
    }
  }

  /** Returns when the subscriber stops or the store closes; throws on a store error. */
  private async runFromPosition(signal: AbortSignal): Promise<void> {
    if (!this.loaded) {
      this.position = this.savedPosition = await this.store.checkpoints.load(this.name);
      this.loaded = true;
    }
    if ((this.options.concurrency ?? 1) > 1) await this.runConcurrently(signal);
    else await this.runInOrder(signal);
  }

  /**
   * The subscription broke (the store went away under a read, a checkpoint save or a park):
   * wait for the store, back off, and resume after the last event finished, which is
   * delivered again at worst, never skipped.
   */
  private async beforeRestart(error: unknown, signal: AbortSignal): Promise<void> {
    this.restarts++;
    this.logger.warn({ subscriber: this.name, err: error, restarts: this.restarts }, 'subscription interrupted; resuming from its last position');
    await this.options.outages?.waitIfUnreachable(signal);
    await sleep((this.options.backoffMs ?? defaultBackoff)(this.restarts), signal);
  }

  private async runInOrder(signal: AbortSignal): Promise<void> {
    for await (const event of this.store.subscribeToAll({ after: this.position, filter: this.handler.filter, signal })) {
      await this.deliver(event);
      if (signal.aborted) break;
      await this.advanceTo(event.position, 1);
    }
  }

  /**
   * Up to `concurrency` events in flight; the checkpoint follows the finished prefix. The
   * first event that fails (its park could not be written) ends this pass: nothing after it
   * is checkpointed, and the restart delivers it again.
   */
  private async runConcurrently(signal: AbortSignal): Promise<void> {
    const window = new InFlightWindow();
    const limit = this.options.concurrency ?? 1;
    const keyOf = this.options.partitionKey ?? ((event: RecordedEvent) => event.streamName);
    const running = new Set<Promise<void>>();
    const broken = new AbortController();
    let failure: { error: unknown } | undefined;
    // Recorded before the window marks the event finished, so no later advance passes it.
    const deliverOrBreak = (event: RecordedEvent) => this.deliver(event).catch((error: unknown) => {
      failure ??= { error };
      broken.abort();
      throw error;
    });
    try {
      for await (const event of this.store.subscribeToAll({ after: this.position, filter: this.handler.filter, signal: AbortSignal.any([signal, broken.signal]) })) {
        while (running.size >= limit && !failure) await Promise.race(running);
        if (failure) break;
        const task: Promise<void> = window.enter(event.position, keyOf(event), () => deliverOrBreak(event)).then(async () => {
          const finished = window.advance();
          if (finished && !signal.aborted && !failure) await this.advanceTo(finished.position, finished.count);
        }).catch((error: unknown) => {
          failure ??= { error };
          broken.abort();
        }).finally(() => running.delete(task));
        running.add(task);
        if (signal.aborted) break;
      }
    } finally {
      await Promise.allSettled(running);
    }
    if (failure) throw failure.error;
  }

  private async advanceTo(position: AllPosition, events: number): Promise<void> {
    this.position = position;
    this.restarts = 0;
    this.processed += events;
    this.sinceSave += events;
    if (this.sinceSave >= (this.options.checkpointEvery ?? 100)) await this.saveCheckpoint();
  }

  private async deliver(event: RecordedEvent): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handler.handle(event, { signal: this.abort.signal });
        const lagMs = (this.options.now?.() ?? new Date()).getTime() - Date.parse(event.metadata.recordedAt);
        this.options.onProcessed?.(this.name, event, lagMs);
        return;
      } catch (error) {
        const context = { subscriber: this.name, eventId: event.id, eventType: event.type, stream: event.streamName, attempt, correlationId: event.metadata.correlationId, err: error };
        // Stopping is not the event's fault: leave it for redelivery, never park it for that.
        if (this.abort.signal.aborted) throw error;
        // Nor is an outage: wait for the store, then try again without using an attempt.
        if (await this.options.outages?.waitIfUnreachable(this.abort.signal)) {
          if (this.abort.signal.aborted) throw error;
          attempt--;
          continue;
        }
        if (attempt >= maxAttempts) return this.park(event, attempt, error);
        this.logger.warn(context, 'handler failed; retrying');
        await sleep((this.options.backoffMs ?? defaultBackoff)(attempt), this.abort.signal);
        if (this.abort.signal.aborted) throw error;
      }
    }
  }

  private async park(event: RecordedEvent, attempts: number, error: unknown): Promise<void> {
    const data: ParkedEventData = {
      subscriber: this.name, eventId: event.id, streamName: event.streamName, revision: event.revision, eventType: event.type,
      position: positionToString(event.position), attempts, error: (error as Error)?.message ?? String(error),
      parkedAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
    await this.store.append(parkedStream(this.name), [{
      id: deterministicEventId('parked', this.name, event.id), type: 'EventParked.v1', data,
      metadata: { correlationId: event.metadata.correlationId, causationId: event.id, connection: event.metadata.connection, source: 'hub' },
    }], 'any');
    this.parked++;
    this.options.onParked?.(this.name, event);
    this.logger.error({ subscriber: this.name, eventId: event.id, eventType: event.type, correlationId: event.metadata.correlationId, attempts, reason: data.error }, 'event parked after its retries ran out');
  }

  /** Saves are chained so an older position never lands after a newer one. */
  private saveCheckpoint(): Promise<void> {
    // A failed save (the store was away) must not poison the chain for every later save.
    this.saving = this.saving.catch(() => undefined).then(async () => {
      const position = this.position;
      if (!position || position === this.savedPosition) return;
      await this.store.checkpoints.save(this.name, position);
      this.savedPosition = position;
      this.sinceSave = 0;
    });
    return this.saving;
  }
}
