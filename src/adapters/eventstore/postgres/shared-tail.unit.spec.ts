import { describe, expect, it } from 'vitest';
import type { AllPosition, RecordedEvent } from '../../../eventstore/index.js';
import type { ScanPage } from './reads.js';
import { SharedTail } from './shared-tail.js';
import { Waker } from './wake.js';

const at = (n: number): AllPosition => ({ commit: BigInt(n), prepare: BigInt(n) });
const event = (n: number, stream: string, type = 'Thing.v1'): RecordedEvent => ({
  id: `e${n}`, type, streamName: stream, revision: n, position: at(n), data: {}, metadata: { recordedAt: '2026-12-04T00:00:00.000Z' },
} as unknown as RecordedEvent);

/** A store whose $all is `log`; each scan hands out what was added since, in windows of `window`. */
const fakeStore = (window = 3) => {
  const log: RecordedEvent[] = [];
  let scans = 0;
  const scan = async (after: AllPosition | undefined): Promise<ScanPage> => {
    scans++;
    const from = after ? log.findIndex((e) => e.position.commit > after.commit) : 0;
    const rows = from < 0 ? [] : log.slice(from, from + window);
    return { events: rows, scannedTo: rows.at(-1)?.position ?? after, full: rows.length === window };
  };
  return { log, scan, scans: () => scans };
};

describe('the shared tail', () => {
  it('hands each follower the events its filter wants, from one read per window, skipping what the follower read itself', async () => {
    const store = fakeStore();
    const closing = new AbortController();
    const waker = new Waker();
    const tail = new SharedTail({ scan: store.scan, waker, closing: closing.signal, pollMinMs: 1, pollMaxMs: 2, maxQueuedPages: 10 });
    store.log.push(event(1, 'a.x'), event(2, 'b.x'));
    const all = tail.join(at(1), undefined)!;
    const onlyB = tail.join(at(2), { streamPrefixes: ['b.'] })!;
    expect(onlyB).toBeDefined();
    store.log.push(event(3, 'a.x'), event(4, 'b.y', 'Other.v1'), event(5, 'b.z'));
    waker.wake();
    const ids = async (follower: typeof all, n: number) => {
      const seen: string[] = [];
      while (seen.length < n) seen.push(...(await follower.next(closing.signal))!.events.map((e) => e.id));
      return seen;
    };
    expect(await ids(all, 4)).toEqual(['e2', 'e3', 'e4', 'e5']);
    // onlyB had read through 2 itself, ahead of the tail: it is not handed 2 again, and gets only its own events.
    expect(await ids(onlyB, 2)).toEqual(['e4', 'e5']);
    expect(store.scans()).toBeLessThan(8);
    closing.abort();
  });

  it('refuses a subscriber behind the tail, so it reads on its own until it has caught up', async () => {
    const store = fakeStore();
    const closing = new AbortController();
    const tail = new SharedTail({ scan: store.scan, waker: new Waker(), closing: closing.signal, pollMinMs: 1, pollMaxMs: 2, maxQueuedPages: 10 });
    store.log.push(event(1, 'a'), event(2, 'a'));
    tail.join(at(2), undefined);
    expect(tail.join(at(1), undefined)).toBeUndefined();
    expect(tail.join(at(2), undefined)).toBeDefined();
    closing.abort();
  });

  it('lets go of a follower that falls behind, after handing over every page it had queued', async () => {
    const store = fakeStore(1);
    const closing = new AbortController();
    const waker = new Waker();
    const tail = new SharedTail({ scan: store.scan, waker, closing: closing.signal, pollMinMs: 1, pollMaxMs: 2, maxQueuedPages: 2 });
    const slow = tail.join(undefined, undefined)!;
    for (let n = 1; n <= 5; n++) store.log.push(event(n, 's'));
    waker.wake();
    // Not reading meanwhile: the tail reads on (one window per event) and fills this follower's queue.
    while (!slow.released) await new Promise((resolve) => setTimeout(resolve, 1));
    const pages: string[][] = [];
    for (let page = await slow.next(closing.signal); page; page = await slow.next(closing.signal)) pages.push(page.events.map((e) => e.id));
    expect(slow.released).toBe(true);
    // Released when a third page would not fit: it keeps the two it had, in order, and reads on from there itself.
    expect(pages).toEqual([['e1'], ['e2']]);
    expect(tail.followerCount).toBe(0);
    closing.abort();
  });
});
