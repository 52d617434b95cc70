import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { positionToString, type AllPosition, type EventStore, type ReadAllOptions } from '../../src/eventstore/index.js';
import { activateGeneration, createGeneration } from '../../src/projections/engine/generations.js';
import { ProjectionRunner } from '../../src/projections/engine/projection-runner.js';
import { readBooksLink } from '../../src/projections/saga-context/books-links.rows.js';
import { sagaContextProjection } from '../../src/projections/saga-context/saga-context.projection.js';
import { useProjectionFixture } from './projection-fixture.js';

const C = 'keystone';

/** Polls until the probe holds, or fails naming what it waited for (a bound for liveness, not a timing assumption). */
const until = async (what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('a filtered projection at rest (PostgreSQL server)', () => {
  const fixture = useProjectionFixture('server');

  const append = async (stream: string, type: string, data: unknown): Promise<AllPosition> =>
    (await fixture().store.append(stream, [{ id: randomUUID(), type, data, metadata: { connection: C, source: 'hub', correlationId: 'c' } }], 'any')).position!;

  it('saves its position past the events it does not read, so while idle it reads nothing from $all', async () => {
    const { store, sql } = fixture();
    // The runner's view of the store, counting what it asks for.
    const calls = { readAll: 0, head: 0 };
    const counted = {
      readAll: async (options?: ReadAllOptions) => {
        calls.readAll++;
        return store.readAll(options);
      },
      readableHead: () => {
        calls.head++;
        return store.readableHead();
      },
    } as unknown as EventStore;

    await append(`${C}.outbound.x-1`, 'BooksVendorResolved.v1', { vendorId: '5521', vendorRef: { value: '40', name: 'Northwind' } });
    let head: AllPosition | undefined;
    for (let i = 0; i < 200; i++) head = await append(`${C}.inbox.notice-${i}`, 'InboxNoticeReceived.v1', { n: i });

    const generation = await createGeneration(sql, sagaContextProjection);
    await activateGeneration(sql, sagaContextProjection, generation);
    const runner = new ProjectionRunner(counted, sql, sagaContextProjection, { idleMs: 10 });
    runner.start(generation);
    try {
      // Its saved position is the last event of $all, not its last relevant one (the vendor link, 200 events back).
      await until('the checkpoint at the head of $all', () => runner.status().position === positionToString(head!));
      expect(runner.status().events).toBe(1);
      expect(await readBooksLink(sql, C, 'vendor', '5521')).toEqual({ value: '40', name: 'Northwind' });

      // At rest: five more polls, and not one read of $all (each used to re-read the 200 events after the vendor link).
      const before = { ...calls };
      await until('five idle polls', () => calls.head >= before.head + 5);
      expect(calls.readAll - before.readAll).toBe(0);

      // New events still arrive: skipped ones move the position on, a relevant one is applied.
      const noise = await append(`${C}.inbox.notice-200`, 'InboxNoticeReceived.v1', { n: 200 });
      await until('the checkpoint past the new notice', () => runner.status().position === positionToString(noise));
      const relevant = await append(`${C}.outbound.x-2`, 'BooksVendorResolved.v1', { vendorId: '5521', vendorRef: { value: '41', name: 'Northwind Sheet Metal' } });
      await runner.reached(relevant);
      expect(runner.status().events).toBe(2);
      expect(await readBooksLink(sql, C, 'vendor', '5521')).toEqual({ value: '41', name: 'Northwind Sheet Metal' });
    } finally {
      await runner.stop();
    }
  });
});
