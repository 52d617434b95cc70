import { chainHash, GENESIS_HASH, type VerifyResult } from '../../../eventstore/index.js';
import { EVENT_COLUMNS, likePrefix, toRecordedEvent, type EventRow } from './event-rows.js';
import type { Queryable } from './queryable.js';

type Broken = NonNullable<VerifyResult['firstBroken']>;
interface VerifyRow extends EventRow { head_revision: string | null; head_hash: string | null }

const PAGE = 1000;

/** Walks streams in name order, one link at a time; stops at the first broken link. */
class ChainWalker {
  streams = 0;
  events = 0;
  private stream: string | undefined;
  private revision = -1;
  private hash = GENESIS_HASH;
  private lastId = '';
  private head: { revision: number | null; hash: string | null } = { revision: null, hash: null };

  step(row: VerifyRow): Broken | undefined {
    if (row.stream_name !== this.stream) {
      const broken = this.finishStream();
      if (broken) return broken;
      this.stream = row.stream_name;
      this.revision = -1;
      this.hash = GENESIS_HASH;
      this.head = { revision: row.head_revision === null ? null : Number(row.head_revision), hash: row.head_hash };
      this.streams++;
    }
    const event = toRecordedEvent(row);
    const at = { streamName: event.streamName, revision: event.revision, eventId: event.id };
    if (event.revision !== this.revision + 1) return { ...at, reason: `revision ${this.revision + 1} is missing` };
    if (chainHash(this.hash, event) !== row.hash) return { ...at, reason: 'stored hash does not match the content and the previous link' };
    this.events++;
    this.revision = event.revision;
    this.hash = row.hash;
    this.lastId = event.id;
    return undefined;
  }

  /** The stream's head must point at the last event seen: catches a deleted tail. */
  finishStream(): Broken | undefined {
    if (this.stream === undefined) return undefined;
    if (this.head.revision === this.revision && this.head.hash === this.hash) return undefined;
    if (this.head.revision !== null && this.head.revision > this.revision) {
      const reason = `revisions ${this.revision + 1}..${this.head.revision} are missing`;
      return { streamName: this.stream, revision: this.revision + 1, eventId: '(missing)', reason };
    }
    const reason = this.head.revision === null ? 'the stream has no head row' : 'the stream head does not match its last event';
    return { streamName: this.stream, revision: this.revision, eventId: this.lastId, reason };
  }
}

/** A head that claims events when none are left: the whole stream was deleted. */
const firstEmptiedStream = async (pool: Queryable, pattern: string): Promise<Broken | undefined> => {
  const { rows } = await pool.query<{ stream_name: string; last_revision: string }>(
    `SELECT stream_name, last_revision::text FROM eventstore.streams s
     WHERE stream_name LIKE $1 AND last_revision >= 0
       AND NOT EXISTS (SELECT 1 FROM eventstore.events e WHERE e.stream_name = s.stream_name)
     ORDER BY stream_name LIMIT 1`, [pattern]);
  const row = rows[0];
  return row && { streamName: row.stream_name, revision: 0, eventId: '(missing)', reason: `revisions 0..${row.last_revision} are missing` };
};

const readPage = async (pool: Queryable, pattern: string, after: { stream: string; revision: string }) =>
  (await pool.query<VerifyRow>(
    `SELECT ${EVENT_COLUMNS}, s.last_revision::text AS head_revision, s.last_hash AS head_hash
     FROM eventstore.events e LEFT JOIN eventstore.streams s USING (stream_name)
     WHERE stream_name LIKE $1 AND (stream_name, revision) > ($2, $3::bigint)
     ORDER BY stream_name, revision LIMIT ${PAGE}`, [pattern, after.stream, after.revision])).rows;

const walkEvents = async (pool: Queryable, pattern: string, walker: ChainWalker): Promise<Broken | undefined> => {
  let after = { stream: '', revision: '-1' };
  for (;;) {
    const rows = await readPage(pool, pattern, after);
    for (const row of rows) {
      const broken = walker.step(row);
      if (broken) return broken;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return walker.finishStream();
    after = { stream: last.stream_name, revision: String(last.revision) };
  }
};

/** Recomputes every hash chain under `prefix` and reports the first altered or missing event. */
export const verifyChains = async (pool: Queryable, prefix = ''): Promise<VerifyResult> => {
  const pattern = likePrefix(prefix);
  const walker = new ChainWalker();
  const walked = await walkEvents(pool, pattern, walker);
  const emptied = await firstEmptiedStream(pool, pattern);
  const firstBroken = [walked, emptied]
    .filter((b): b is Broken => b !== undefined)
    .sort((a, b) => (a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : 0))[0];
  const counts = { streamsChecked: walker.streams, eventsChecked: walker.events };
  return firstBroken ? { ok: false, ...counts, firstBroken } : { ok: true, ...counts };
};
