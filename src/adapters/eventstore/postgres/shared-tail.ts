import type { AllFilter, AllPosition, RecordedEvent } from '../../../eventstore/index.js';
import { comparePositions } from '../../../eventstore/position.js';
import type { ScanPage } from './reads.js';
import type { Waker } from './wake.js';

export interface SharedTailDeps {
  /** One window of $all after a position, unfiltered here: every follower's filter is applied in process. */
  readonly scan: (after: AllPosition | undefined) => Promise<ScanPage | undefined>;
  readonly waker: Waker;
  readonly closing: AbortSignal;
  readonly pollMinMs: number;
  readonly pollMaxMs: number;
  /** Pages a follower may have waiting before it is let go to read on its own. */
  readonly maxQueuedPages: number;
}

/** What a follower is handed: the events of one window that pass its filter, and where the window ended. */
export interface TailPage {
  readonly events: readonly RecordedEvent[];
  readonly scannedTo: AllPosition | undefined;
}

export const matchesFilter = (event: RecordedEvent, filter: AllFilter | undefined): boolean =>
  (!filter?.eventTypes?.length || filter.eventTypes.includes(event.type))
  && (!filter?.streamPrefixes?.length || filter.streamPrefixes.some((prefix) => event.streamName.startsWith(prefix)));

/**
 * A subscriber that caught up with the head of $all, following the shared tail: it is handed
 * the tail's windows (filtered for it) instead of querying the store itself. One who falls
 * more than `maxQueuedPages` behind is let go (`released`) and reads on its own again, so a
 * slow saga never makes the tail hold memory for it.
 */
export class TailFollower {
  private readonly pages: TailPage[] = [];
  private wakeUp: (() => void) | undefined;
  released = false;

  constructor(readonly filter: AllFilter | undefined, private readonly skipThrough: AllPosition | undefined) {}

  /** Called by the tail; false when this follower fell too far behind and was released. */
  offer(page: TailPage, maxQueued: number): boolean {
    const skip = this.skipThrough;
    const events = page.events.filter((e) => matchesFilter(e, this.filter) && (!skip || comparePositions(e.position, skip) > 0));
    // Nothing for it: queue nothing, so a follower busy with one event is not let go for windows
    // it does not want. (Released later, it re-reads those windows and again finds nothing.)
    if (events.length === 0) return true;
    if (this.pages.length >= maxQueued) {
      this.release();
      return false;
    }
    this.pages.push({ events, scannedTo: page.scannedTo });
    this.notify();
    return true;
  }

  release(): void {
    this.released = true;
    this.notify();
  }

  /** The next page, or undefined once released (with nothing left) or aborted. */
  async next(signal: AbortSignal): Promise<TailPage | undefined> {
    while (this.pages.length === 0) {
      if (this.released || signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          this.wakeUp = undefined;
          resolve();
        };
        this.wakeUp = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    return this.pages.shift();
  }

  private notify(): void {
    this.wakeUp?.();
  }
}

/**
 * One reader of the head of $all for every caught-up subscriber of this process. Without it,
 * each of the hub's dozen subscribers ran its own window query on every commit, which under a
 * burst of webhooks was most of the database's work. The tail starts when the first follower
 * joins and stops when the last leaves.
 */
export class SharedTail {
  private readonly followers = new Set<TailFollower>();
  private cursor: AllPosition | undefined;
  private running = false;

  constructor(private readonly deps: SharedTailDeps) {}

  /** Where the tail has read to; a subscriber may join once it has read at least this far. */
  get position(): AllPosition | undefined {
    return this.cursor;
  }

  get followerCount(): number {
    return this.followers.size;
  }

  /**
   * Joins a subscriber that has read up to `readTo` (the end of its last window, which was not
   * full). Refused (undefined) when the tail is already further on: the subscriber reads
   * another window itself and tries again.
   */
  join(readTo: AllPosition | undefined, filter: AllFilter | undefined): TailFollower | undefined {
    if (this.deps.closing.aborted) return undefined;
    if (!this.running) {
      this.cursor = readTo;
    } else if (!atOrAfter(readTo, this.cursor)) {
      return undefined;
    }
    // Events up to the subscriber's own position are in windows it read already.
    const follower = new TailFollower(filter, readTo);
    this.followers.add(follower);
    if (!this.running) this.start();
    return follower;
  }

  leave(follower: TailFollower): void {
    this.followers.delete(follower);
  }

  private start(): void {
    this.running = true;
    // A read that keeps failing ends the tail; its followers read on their own again, where the
    // same failure surfaces through their subscriptions as it always did.
    void this.loop().catch(() => undefined).finally(() => {
      this.running = false;
      for (const follower of this.followers) follower.release();
      this.followers.clear();
    });
  }

  private async loop(): Promise<void> {
    const { deps } = this;
    let idleMs = deps.pollMinMs;
    while (this.followers.size > 0 && !deps.closing.aborted) {
      const page = await deps.scan(this.cursor);
      if (!page) return;
      this.cursor = page.scannedTo;
      for (const follower of this.followers) {
        if (!follower.offer(page, deps.maxQueuedPages)) this.followers.delete(follower);
      }
      if (page.full) continue;
      if (page.events.length > 0) idleMs = deps.pollMinMs;
      await deps.waker.sleep(idleMs, deps.closing);
      idleMs = Math.min(idleMs * 2, deps.pollMaxMs);
    }
  }
}

const atOrAfter = (a: AllPosition | undefined, b: AllPosition | undefined): boolean =>
  b === undefined || (a !== undefined && comparePositions(a, b) >= 0);
