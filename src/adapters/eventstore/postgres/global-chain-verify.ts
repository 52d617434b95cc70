import {
  comparePositions, GLOBAL_GENESIS, globalLink, positionToString,
  type GlobalChainBreak, type GlobalChainHead, type GlobalChainVerifyResult,
} from '../../../eventstore/index.js';
import { CHAIN_EVENT_COLUMNS, LINK_COLUMNS, rowAt, toChainEntry, type ChainEventRow, type StoredLinkRow } from './global-chain-rows.js';
import type { Queryable } from './queryable.js';

const PAGE = 1000;

/** Every visible event in commit order, a page at a time. */
async function* eventsInOrder(db: Queryable): AsyncGenerator<ChainEventRow> {
  let after = ['0', '-1'];
  for (;;) {
    const { rows } = await db.query<ChainEventRow>(`SELECT ${CHAIN_EVENT_COLUMNS} FROM eventstore.events
      WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) ORDER BY transaction_id, global_position LIMIT ${PAGE}`, after);
    yield* rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    after = [last.commit, last.prepare];
  }
}

async function* storedLinks(db: Queryable): AsyncGenerator<StoredLinkRow> {
  let after = '0';
  for (;;) {
    const { rows } = await db.query<StoredLinkRow>(`SELECT ${LINK_COLUMNS} FROM eventstore.audit_chain WHERE seq > $1::bigint ORDER BY seq LIMIT ${PAGE}`, [after]);
    yield* rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    after = String(last.seq);
  }
}

const at = (row: ChainEventRow | StoredLinkRow, reason: string): GlobalChainBreak =>
  ({ position: positionToString(rowAt(row)), streamName: row.stream_name, revision: Number(row.revision), eventId: row.event_id, reason });

/** Walks events and stored links side by side, recomputing each link from genesis. */
class ChainCheck {
  checked = 0;
  private link = GLOBAL_GENESIS;

  constructor(private readonly key: Buffer, private readonly anchored: GlobalChainHead | undefined) {}

  /** One event and the link stored for the same position. */
  pair(event: ChainEventRow, stored: StoredLinkRow): GlobalChainBreak | undefined {
    this.link = globalLink(this.key, this.link, toChainEntry(event));
    if (this.link !== stored.link || Number(stored.seq) !== this.checked + 1) {
      return at(event, 'differs from the chained record: its content hash, recorded time, stream or revision changed, or an event before it was removed');
    }
    this.checked++;
    if (this.anchored && this.checked === this.anchored.events && this.link !== this.anchored.link) {
      return at(event, 'the chain here differs from the head the anchor signed: history up to it was rewritten');
    }
    return undefined;
  }

  /** The stored links ran out before the anchored head: the chain (and its events) were cut. */
  truncated(): GlobalChainBreak | undefined {
    const last = this.anchored?.last;
    if (!last || this.checked >= this.anchored.events) return undefined;
    return { position: positionToString(last.position), streamName: last.streamName, revision: last.revision, eventId: last.eventId, reason: `the anchor signed ${this.anchored.events} events; only ${this.checked} remain chained` };
  }
}

/** Recomputes the global chain fully and names the first event that differs from it or from the anchor. */
export const verifyGlobalChain = async (db: Queryable, key: Buffer, anchored: GlobalChainHead | undefined): Promise<GlobalChainVerifyResult> => {
  const check = new ChainCheck(key, anchored);
  const events = eventsInOrder(db);
  const links = storedLinks(db);
  let event = (await events.next()).value as ChainEventRow | undefined;
  let link = (await links.next()).value as StoredLinkRow | undefined;
  let broken: GlobalChainBreak | undefined;
  while (link && !broken) {
    const order = event ? comparePositions(rowAt(event), rowAt(link)) : 1;
    if (order > 0) broken = at(link, 'this chained event is missing from the store: it was deleted');
    else if (order < 0) broken = at(event!, 'this event is not in the chain although later events are: it was inserted afterwards');
    else broken = check.pair(event!, link);
    if (broken) break;
    event = (await events.next()).value as ChainEventRow | undefined;
    link = (await links.next()).value as StoredLinkRow | undefined;
  }
  broken ??= check.truncated();
  let unchainedEvents = 0;
  while (!broken && event) {
    unchainedEvents++;
    event = (await events.next()).value as ChainEventRow | undefined;
  }
  const counts = { eventsChecked: check.checked, unchainedEvents };
  return broken ? { ok: false, ...counts, firstBroken: broken } : { ok: true, ...counts };
};
