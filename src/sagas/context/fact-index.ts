import { comparePositions, type AllPosition, type EventStore, type RecordedEvent } from '../../eventstore/index.js';

const PAGE = 1000;

/**
 * An in-memory fold of some fact types across $all, for saga context. `catchUp()` reads what
 * is committed at the moment it is called, so a saga that awaits it before deciding sees every
 * fact recorded before its input (a live subscription alone may lag by a few milliseconds,
 * and an owner invoice decided on a stale index would miss a change order it must carry).
 * `start()` adds a live subscription for readers that can't await (the invoice saga's
 * synchronous commitment lookup). Each event is folded once, in $all order, whichever
 * path brings it first.
 */
export class FactIndex {
  private position: AllPosition | undefined;
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly eventTypes: readonly string[],
    private readonly fold: (event: RecordedEvent) => void,
  ) {}

  /**
   * Resolves once every fact committed before the call is folded. A call made while a read
   * runs waits for the next read; calls made while one is queued share it.
   */
  catchUp(): Promise<void> {
    if (this.queued) return this.queued;
    const queued = this.running.catch(() => undefined).then(() => {
      this.queued = undefined;
      this.running = this.readToHead();
      return this.running;
    });
    this.queued = queued;
    return queued;
  }

  start(): void {
    this.loop ??= (async () => {
      for await (const event of this.store.subscribeToAll({ filter: { eventTypes: this.eventTypes }, signal: this.abort.signal })) this.take(event);
    })().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async readToHead(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.position, maxCount: PAGE, filter: { eventTypes: this.eventTypes } });
      for (const event of page) this.take(event);
      if (page.length < PAGE) return;
    }
  }

  /** A saga's copy of an input (`inputStream`) repeats a fact recorded elsewhere: never folded. */
  private take(event: RecordedEvent): void {
    if (this.position && comparePositions(event.position, this.position) <= 0) return;
    this.position = event.position;
    if (event.metadata.inputStream === undefined) this.fold(event);
  }
}
