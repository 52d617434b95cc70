import { readdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { positionToString } from '../../../src/eventstore/index.js';
import { testBackends } from '../../support/databases.js';
import { newEvent, useDatabase } from '../eventstore/store-fixture.js';
import { anchorsFor, asOwnerBehindTrigger, rewriteWithRecomputedChain, seedStreams, useAnchorDir } from './anchored-history.fixture.js';

for (const kind of testBackends()) {
  // Each test alters history, so each gets its own database: the global chain spans every stream.
  describe(`history anchored outside the database, against the events table's owner (${kind})`, () => {
    const anchorDir = useAnchorDir();
    // Embedded runs its two scenarios, untouched first, on one PGlite: starting one is slow on a busy machine.
    const shared = kind === 'embedded' ? useDatabase(kind) : undefined;

    const setUp = (name: string) => {
      const db = shared ?? useDatabase(kind);
      return async () => {
        const store = await db.openStore();
        await seedStreams(store, name);
        const anchors = anchorsFor(store, join(anchorDir(), name));
        await anchors.anchor();
        const owner = await db.connectAsOwner();
        const events = (stream: string) => store.readStream(`${name}.${stream}`);
        return { store, anchors, owner, events };
      };
    };

    describe('untouched', () => {
      const open = setUp('clean');
      it('verifies clean, every event covered by the anchor', async () => {
        const { anchors } = await open();
        const verdict = await anchors.verify();
        expect(verdict).toMatchObject({ ok: true, firstBroken: null, eventsChecked: 9, streamsChecked: 3 });
        expect(verdict.globalChain).toMatchObject({ checked: true, ok: true, eventsChecked: 9, unchainedEvents: 0, anchor: { events: 9 }, problem: null });
      });
    });

    // Embedded keeps the two scenarios that prove its chain works; the server runs them all, a database each.
    if (kind === 'server') describe('data edited behind the trigger', () => {
      const open = setUp('edited');
      it('names the edited event', async () => {
        const { anchors, owner, events } = await open();
        const target = (await events('b'))[1]!;
        await asOwnerBehindTrigger(owner, () => owner.query(`UPDATE eventstore.events SET data = '{"cents": 25}' WHERE event_id = $1`, [target.id]));
        const verdict = await anchors.verify();
        expect(verdict.ok).toBe(false);
        expect(verdict.firstBroken).toMatchObject({ streamName: 'edited.b', revision: 1, eventId: target.id });
      });
    });

    describe('data edited and the stream chain recomputed', () => {
      const open = setUp('rechained');
      it('passes the stream chains but not the global chain, which names the edited event and its position', async () => {
        const { store, anchors, owner, events } = await open();
        const target = (await events('a'))[1]!;
        await rewriteWithRecomputedChain(owner, store, 'rechained.a', 1, (e) => ({ ...e, data: { cents: 1 } }));
        await expect(store.verify()).resolves.toMatchObject({ ok: true });
        const verdict = await anchors.verify();
        expect(verdict).toMatchObject({ ok: false, globalChain: { checked: true, ok: false } });
        expect(verdict.firstBroken).toMatchObject({ streamName: 'rechained.a', revision: 1, eventId: target.id, position: positionToString(target.position) });
      });
    });

    if (kind === 'server') describe('recorded_at backdated and the stream chain recomputed', () => {
      const open = setUp('backdated');
      it('names the backdated event', async () => {
        const { store, anchors, owner, events } = await open();
        const target = (await events('c'))[2]!;
        await rewriteWithRecomputedChain(owner, store, 'backdated.c', 2,
          (e) => ({ ...e, metadata: { ...e.metadata, recordedAt: '2020-01-31T12:00:00.000Z' } }));
        expect((await events('c'))[2]!.metadata.recordedAt).toBe('2020-01-31T12:00:00.000Z');
        await expect(store.verify()).resolves.toMatchObject({ ok: true });
        expect((await anchors.verify()).firstBroken).toMatchObject({ streamName: 'backdated.c', revision: 2, eventId: target.id, position: positionToString(target.position) });
      });
    });

    if (kind === 'server') describe("a stream's last event deleted and its head moved back", () => {
      const open = setUp('deleted');
      it('names the deleted event', async () => {
        const { store, anchors, owner, events } = await open();
        const [, second, last] = await events('a');
        await asOwnerBehindTrigger(owner, async () => {
          await owner.query('DELETE FROM eventstore.events WHERE event_id = $1', [last!.id]);
          await owner.query('UPDATE eventstore.streams SET last_revision = 1, last_hash = $2 WHERE stream_name = $1', ['deleted.a', second!.hash]);
        });
        await expect(store.verify()).resolves.toMatchObject({ ok: true });
        const verdict = await anchors.verify();
        expect(verdict.firstBroken).toMatchObject({ streamName: 'deleted.a', revision: 2, eventId: last!.id, position: positionToString(last!.position), reason: expect.stringMatching(/deleted/) });
      });
    });

    if (kind === 'server') describe('the last event of $all deleted with its chain link', () => {
      const open = setUp('cut');
      it('names it from the anchor, outside the database', async () => {
        const { store, anchors, owner, events } = await open();
        const [, second, last] = await events('c');
        await asOwnerBehindTrigger(owner, async () => {
          await owner.query('ALTER TABLE eventstore.audit_chain DISABLE TRIGGER audit_chain_append_only');
          await owner.query('DELETE FROM eventstore.audit_chain WHERE event_id = $1', [last!.id]);
          await owner.query('ALTER TABLE eventstore.audit_chain ENABLE ALWAYS TRIGGER audit_chain_append_only');
          await owner.query('DELETE FROM eventstore.events WHERE event_id = $1', [last!.id]);
          await owner.query('UPDATE eventstore.streams SET last_revision = 1, last_hash = $2 WHERE stream_name = $1', ['cut.c', second!.hash]);
        });
        await expect(store.verify()).resolves.toMatchObject({ ok: true });
        const verdict = await anchors.verify();
        expect(verdict.firstBroken).toMatchObject({ streamName: 'cut.c', revision: 2, eventId: last!.id, position: positionToString(last!.position), reason: expect.stringMatching(/anchor signed 9 events; only 8/) });
      });
    });

    if (kind === 'server') describe('a history longer than one page of the chain', () => {
      const open = setUp('long');
      it('chains and checks it page by page, and still names the one event rewritten late in it', async () => {
        const { store, anchors, owner } = await open();
        for (let s = 0; s < 25; s++) await store.append(`long.bulk-${s}`, Array.from({ length: 100 }, (_, i) => newEvent('Bulk.v1', { i })), 'no_stream');
        await expect(anchors.anchor()).resolves.toMatchObject({ written: true, anchor: { events: 2509 } });
        expect(await anchors.verify()).toMatchObject({ ok: true, globalChain: { eventsChecked: 2509, unchainedEvents: 0 } });
        const target = (await store.readStream('long.bulk-22'))[40]!;
        await rewriteWithRecomputedChain(owner, store, 'long.bulk-22', 40, (e) => ({ ...e, data: { i: -1 } }));
        expect((await anchors.verify()).firstBroken).toMatchObject({ streamName: 'long.bulk-22', revision: 40, eventId: target.id, position: positionToString(target.position) });
      });
    });

    if (kind === 'server') describe('the anchor itself', () => {
      const open = setUp('anchor');
      it('extends incrementally, skips an unchanged head, and refuses an edited anchor file', async () => {
        const { store, anchors } = await open();
        await expect(anchors.anchor()).resolves.toMatchObject({ written: false, anchor: { events: 9 } });
        await store.append('anchor.d', [newEvent(), newEvent()], 'no_stream');
        expect((await anchors.verify()).globalChain).toMatchObject({ ok: true, eventsChecked: 9, unchainedEvents: 2 });
        await expect(anchors.anchor()).resolves.toMatchObject({ written: true, anchor: { events: 11 } });
        const dir = join(anchorDir(), 'anchor');
        const files = (await readdir(dir)).sort();
        expect(files).toHaveLength(2);
        const latest = join(dir, files[1]!);
        const forged = { ...JSON.parse(await readFile(latest, 'utf8')) as object, events: 12 };
        await chmod(latest, 0o644);
        await writeFile(latest, JSON.stringify(forged));
        const verdict = await anchors.verify();
        expect(verdict).toMatchObject({ ok: false, globalChain: { checked: true, ok: false, problem: expect.stringMatching(/signature does not match/) } });
      });
    });
  });
}
