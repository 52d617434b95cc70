import { describe, expect, it } from 'vitest';
import { testBackends } from '../../support/databases.js';
import { newEvent, useDatabase } from './store-fixture.js';

for (const kind of testBackends()) {
  describe(`events are immutable in the database (${kind})`, () => {
    const db = useDatabase(kind);

    it('refuses UPDATE, DELETE and TRUNCATE on the events table, even from the store\'s own role', async () => {
      const store = await db.openStore();
      const stream = `immutable-${Date.now()}`;
      await store.append(stream, [newEvent('Paid.v1', { cents: 100 }), newEvent('Paid.v1', { cents: 200 })], 'no_stream');
      const sql = await db.connect();
      const attempts = [
        `UPDATE eventstore.events SET data = '{"cents": 1}' WHERE stream_name = '${stream}'`,
        `DELETE FROM eventstore.events WHERE stream_name = '${stream}'`,
        'TRUNCATE eventstore.events',
        'TRUNCATE eventstore.events CASCADE',
      ];
      for (const statement of attempts) await expect(sql.query(statement)).rejects.toThrow(/append-only/);
      expect((await store.readStream(stream)).map((e) => e.data)).toEqual([{ cents: 100 }, { cents: 200 }]);
      await expect(store.verify(stream)).resolves.toMatchObject({ ok: true, eventsChecked: 2 });
    });

    it('still refuses when replication-role tricks would skip ordinary triggers', async () => {
      const store = await db.openStore();
      const stream = `replica-${Date.now()}`;
      await store.append(stream, [newEvent()], 'no_stream');
      const sql = await db.connect();
      await sql.query('SET session_replication_role = replica');
      await expect(sql.query(`DELETE FROM eventstore.events WHERE stream_name = '${stream}'`)).rejects.toThrow(/append-only/);
      await sql.query('SET session_replication_role = DEFAULT');
      expect(await store.readStream(stream)).toHaveLength(1);
    });
  });
}
