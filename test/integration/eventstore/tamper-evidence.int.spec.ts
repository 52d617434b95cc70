import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { chainHash, type RecordedEvent } from '../../../src/eventstore/index.js';
import { testBackends } from '../../support/databases.js';
import { newEvent, useDatabase } from './store-fixture.js';

/** What an attacker with the owner's rights can do: switch the guard off, change history, switch it back on. */
const tamper = async (sql: pg.Client, statement: string, params: unknown[]): Promise<void> => {
  await sql.query('ALTER TABLE eventstore.events DISABLE TRIGGER events_append_only');
  await sql.query(statement, params);
  await sql.query('ALTER TABLE eventstore.events ENABLE ALWAYS TRIGGER events_append_only');
};

for (const kind of testBackends()) {
  describe(`tamper evidence (${kind})`, () => {
    const db = useDatabase(kind);

    const seed = async (prefix: string) => {
      const store = await db.openStore();
      for (const name of ['a', 'b', 'c']) {
        await store.append(`${prefix}.${name}`, [newEvent('Billed.v1', { cents: 100 }), newEvent('Billed.v1', { cents: 250 })], 'no_stream');
        await store.append(`${prefix}.${name}`, [newEvent('Paid.v1', { cents: 350 })], 1);
      }
      const events = async (stream: string): Promise<RecordedEvent[]> => store.readStream(`${prefix}.${stream}`);
      return { store, events, sql: await db.connect() };
    };

    it('reports exactly the event whose data was altered behind the trigger\'s back', async () => {
      const prefix = `tamper-${Date.now()}`;
      const { store, events, sql } = await seed(prefix);
      const target = (await events('b'))[1]!;
      await tamper(sql, `UPDATE eventstore.events SET data = '{"cents": 25}' WHERE event_id = $1`, [target.id]);
      const result = await store.verify(prefix);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({ streamName: `${prefix}.b`, revision: 1, eventId: target.id });
      await expect(store.verify(`${prefix}.a`)).resolves.toMatchObject({ ok: true, eventsChecked: 3 });
      await expect(store.verify(`${prefix}.c`)).resolves.toMatchObject({ ok: true });
    });

    it('catches a rewritten hash at the next link', async () => {
      const prefix = `rehash-${Date.now()}`;
      const { store, events, sql } = await seed(prefix);
      const [first, second, third] = await events('a');
      const forged = chainHash(first!.hash!, { ...second!, data: { cents: 1 } });
      await tamper(sql, `UPDATE eventstore.events SET data = '{"cents": 1}', hash = $2 WHERE event_id = $1`, [second!.id, forged]);
      expect((await store.verify(prefix)).firstBroken).toMatchObject({ streamName: `${prefix}.a`, revision: 2, eventId: third!.id });
    });

    it('reports a deleted event in the middle of a stream and at its end', async () => {
      const prefix = `gap-${Date.now()}`;
      const { store, events, sql } = await seed(prefix);
      const [, middle, after] = await events('a');
      await tamper(sql, 'DELETE FROM eventstore.events WHERE event_id = $1', [middle!.id]);
      expect((await store.verify(`${prefix}.a`)).firstBroken).toMatchObject({ revision: 2, eventId: after!.id, reason: expect.stringMatching(/revision 1 is missing/) });
      const last = (await events('c'))[2]!;
      await tamper(sql, 'DELETE FROM eventstore.events WHERE event_id = $1', [last.id]);
      expect((await store.verify(`${prefix}.c`)).firstBroken).toMatchObject({ streamName: `${prefix}.c`, revision: 2, reason: expect.stringMatching(/missing/) });
      await expect(store.verify(`${prefix}.b`)).resolves.toMatchObject({ ok: true });
      await tamper(sql, 'DELETE FROM eventstore.events WHERE stream_name = $1', [`${prefix}.b`]);
      expect((await store.verify(`${prefix}.b`)).firstBroken).toMatchObject({ streamName: `${prefix}.b`, revision: 0, reason: 'revisions 0..2 are missing' });
    });
  });
}
