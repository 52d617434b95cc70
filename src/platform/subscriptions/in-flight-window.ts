import type { AllPosition } from '../../eventstore/index.js';

/**
 * Tracks events handled concurrently so the checkpoint only moves past a position once
 * everything before it has finished: a crash may redo work, never skip it.
 */
export class InFlightWindow {
  private readonly entries: Array<{ position: AllPosition; done: boolean }> = [];
  private readonly byKey = new Map<string, Promise<void>>();

  get size(): number {
    return this.entries.length;
  }

  /** Registers an event; returns what to await before it may start (the previous one for its key). */
  enter(position: AllPosition, key: string, work: () => Promise<void>): Promise<void> {
    const entry = { position, done: false };
    this.entries.push(entry);
    const previous = this.byKey.get(key) ?? Promise.resolve();
    const run = previous.then(work).finally(() => {
      entry.done = true;
      if (this.byKey.get(key) === run) this.byKey.delete(key);
    });
    this.byKey.set(key, run.catch(() => undefined));
    return run;
  }

  /** Drops the finished prefix; returns its last position and length, if any finished. */
  advance(): { position: AllPosition; count: number } | undefined {
    let last: AllPosition | undefined;
    let count = 0;
    for (; this.entries[0]?.done; count++) last = this.entries.shift()!.position;
    return last ? { position: last, count } : undefined;
  }
}
