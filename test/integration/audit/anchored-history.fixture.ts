import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { PostgresEventStore } from '../../../src/adapters/eventstore/postgres/index.js';
import { chainHash, GENESIS_HASH, type RecordedEvent } from '../../../src/eventstore/index.js';
import { FileAnchorSink } from '../../../src/projections/audit/anchoring/anchor-sink.js';
import { AuditAnchors } from '../../../src/projections/audit/anchoring/audit-anchors.js';
import { newEvent } from '../eventstore/store-fixture.js';

export const AUDIT_KEY = randomBytes(32);

/** A temporary anchor folder for the describe block. */
export const useAnchorDir = (): (() => string) => {
  let dir: string | undefined;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'trestle-anchors-')); });
  afterAll(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });
  return () => dir!;
};

/** Three streams of three events each, under a prefix of their own. */
export const seedStreams = async (store: PostgresEventStore, prefix: string): Promise<void> => {
  for (const name of ['a', 'b', 'c']) {
    await store.append(`${prefix}.${name}`, [newEvent('Billed.v1', { cents: 100 }), newEvent('Billed.v1', { cents: 250 })], 'no_stream');
    await store.append(`${prefix}.${name}`, [newEvent('Paid.v1', { cents: 350 })], 1);
  }
};

export const anchorsFor = (store: PostgresEventStore, dir: string): AuditAnchors => new AuditAnchors(store, AUDIT_KEY, new FileAnchorSink(dir));

/** What the events table's owner can do: switch the guard off, run the statements, switch it back on. */
export const asOwnerBehindTrigger = async (owner: pg.Client, work: () => Promise<unknown>): Promise<void> => {
  await owner.query('ALTER TABLE eventstore.events DISABLE TRIGGER events_append_only');
  try {
    await work();
  } finally {
    await owner.query('ALTER TABLE eventstore.events ENABLE ALWAYS TRIGGER events_append_only');
  }
};

/**
 * Rewrites one event of a stream and recomputes the stream's hash chain from it on, head
 * included, exactly as an attacker who knows the (public) chain formula would.
 */
export const rewriteWithRecomputedChain = async (
  owner: pg.Client, store: PostgresEventStore, stream: string, revision: number,
  change: (event: RecordedEvent) => RecordedEvent,
): Promise<void> => {
  const events = await store.readStream(stream);
  let previous = revision === 0 ? GENESIS_HASH : events[revision - 1]!.hash!;
  await asOwnerBehindTrigger(owner, async () => {
    for (const original of events.slice(revision)) {
      const event = original.revision === revision ? change(original) : original;
      const hash = chainHash(previous, event);
      await owner.query('UPDATE eventstore.events SET data = $2, recorded_at = $3, hash = $4 WHERE event_id = $1',
        [event.id, JSON.stringify(event.data), event.metadata.recordedAt, hash]);
      previous = hash;
    }
    await owner.query('UPDATE eventstore.streams SET last_hash = $2 WHERE stream_name = $1', [stream, previous]);
  });
};
