import { createHmac } from 'node:crypto';
import { canonicalJson, GENESIS_HASH } from './hash-chain.js';
import { positionToString, type AllPosition } from './position.js';

/**
 * The global chain: one link per event of $all, in commit order, each covering the previous
 * link and the event's position, stream, revision, recorded time and stream-chain hash (which
 * covers its content). Links are HMAC-SHA256 under a key the database never sees, so whoever
 * can rewrite the tables still cannot recompute the chain.
 */
export interface GlobalChainEntry {
  readonly position: AllPosition;
  readonly streamName: string;
  readonly revision: number;
  readonly recordedAt: string;
  readonly hash: string;
}

export const GLOBAL_GENESIS = GENESIS_HASH;

export const globalLink = (key: Buffer, previous: string, entry: GlobalChainEntry): string =>
  createHmac('sha256', key)
    .update(previous)
    .update(canonicalJson({
      position: positionToString(entry.position), streamName: entry.streamName, revision: entry.revision,
      recordedAt: entry.recordedAt, hash: entry.hash,
    }))
    .digest('hex');

/** Where the chain ends: what an anchor signs. */
export interface GlobalChainHead {
  /** Events chained so far (the last link's sequence number). */
  readonly events: number;
  /** The last chained event; null while nothing is chained. */
  readonly last: { readonly position: AllPosition; readonly streamName: string; readonly revision: number; readonly eventId: string } | null;
  readonly link: string;
}

export interface GlobalChainBreak {
  /** In $all, as commit/prepare. */
  readonly position: string;
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly reason: string;
}

export interface GlobalChainVerifyResult {
  readonly ok: boolean;
  /** Events whose link was recomputed and matched. */
  readonly eventsChecked: number;
  /** Events committed after the last link: covered by their stream chains only until the next extension. */
  readonly unchainedEvents: number;
  readonly firstBroken?: GlobalChainBreak;
}

/** Kept by adapters that can hold it (PostgreSQL); the hub anchors its head outside the database. */
export interface GlobalChain {
  /** Chains every committed event not chained yet; incremental, from the stored running head. */
  extend(key: Buffer): Promise<GlobalChainHead>;
  /** Recomputes every link from genesis, compares each stored link, and the head an anchor signed. */
  verify(key: Buffer, anchored: GlobalChainHead | undefined): Promise<GlobalChainVerifyResult>;
}
