import { describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/index.js';
import { newEvent, useDatabase } from './store-fixture.js';

// Server only: PGlite serves a single role, so embedded mode keeps the one-role setup.
describe('the hub runs as a role that may only append to and read the events (server)', () => {
  const db = useDatabase('server');

  it('appends and reads, but cannot update, delete, truncate, or touch the triggers', async () => {
    const store = await db.openStore();
    const stream = `guarded-${Date.now()}`;
    await store.append(stream, [newEvent('Paid.v1', { cents: 100 })], 'no_stream');
    await store.checkpoints.save('reader', { commit: 1n, prepare: 1n });
    await store.globalChain.extend(Buffer.alloc(32, 7));
    const runtime = await db.connectAsRuntime();
    const refused = [
      `UPDATE eventstore.events SET data = '{"cents": 1}' WHERE stream_name = '${stream}'`,
      `DELETE FROM eventstore.events WHERE stream_name = '${stream}'`,
      'TRUNCATE eventstore.events',
      'ALTER TABLE eventstore.events DISABLE TRIGGER events_append_only',
      'DROP TRIGGER events_append_only ON eventstore.events',
      'ALTER TABLE eventstore.events OWNER TO CURRENT_USER',
      'DROP TABLE eventstore.events',
      'CREATE OR REPLACE FUNCTION eventstore.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      "UPDATE eventstore.audit_chain SET link = 'forged'",
      'DELETE FROM eventstore.audit_chain',
      'ALTER TABLE eventstore.audit_chain DISABLE TRIGGER audit_chain_append_only',
    ];
    for (const statement of refused) await expect(runtime.query(statement), statement).rejects.toThrow(/permission denied|must be owner/);
    expect((await store.readStream(stream)).map((e) => e.data)).toEqual([{ cents: 100 }]);
    await expect(store.historyRewriteRisk()).resolves.toBeUndefined();
  });

  it('warns when the hub migrates with its own role and so owns the events table', async () => {
    await db.openStore();
    const owning = await createPostgresEventStore({ connectionString: db.ownerUrl() });
    try {
      await expect(owning.historyRewriteRisk()).resolves.toMatch(/owns eventstore\.events.*DATABASE_MIGRATION_URL/);
    } finally {
      await owning.close();
    }
  });
});
