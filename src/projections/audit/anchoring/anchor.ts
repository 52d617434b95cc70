import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  canonicalJson, positionFromString, positionToString, type GlobalChainHead,
} from '../../../eventstore/index.js';

/**
 * A signed statement of the global chain's head at a moment, kept outside the database.
 * HMAC-SHA256 rather than Ed25519: the same 32-byte key already keys every link of the chain
 * (so the database's owner cannot recompute it), one hash per event is cheap, and the hub
 * that writes anchors is also the one that verifies them.
 */
export interface Anchor {
  readonly format: 'trestle-anchor/1';
  readonly algorithm: 'HMAC-SHA256';
  /** Names the key without revealing it, so a rotated key is told apart from a forgery. */
  readonly keyId: string;
  readonly events: number;
  readonly last: { readonly position: string; readonly streamName: string; readonly revision: number; readonly eventId: string } | null;
  readonly link: string;
  readonly anchoredAt: string;
  readonly signature: string;
}

export const keyId = (key: Buffer): string => createHash('sha256').update('trestle-audit-key-id:').update(key).digest('hex').slice(0, 16);

const signatureOf = (key: Buffer, unsigned: Omit<Anchor, 'signature'>): string =>
  createHmac('sha256', key).update(canonicalJson(unsigned)).digest('hex');

export const signAnchor = (key: Buffer, head: GlobalChainHead, anchoredAt: string): Anchor => {
  const last = head.last && { ...head.last, position: positionToString(head.last.position) };
  const unsigned = { format: 'trestle-anchor/1', algorithm: 'HMAC-SHA256', keyId: keyId(key), events: head.events, last, link: head.link, anchoredAt } as const;
  return { ...unsigned, signature: signatureOf(key, unsigned) };
};

/** Why the anchor cannot be trusted with this key, or undefined when its signature holds. */
export const anchorProblem = (key: Buffer, anchor: Anchor): string | undefined => {
  if (anchor.keyId !== keyId(key)) return `the latest anchor was signed with another key (id ${anchor.keyId}, TRESTLE_AUDIT_KEY has id ${keyId(key)})`;
  const { signature, ...unsigned } = anchor;
  const expected = Buffer.from(signatureOf(key, unsigned), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'the latest anchor\'s signature does not match: it was altered';
};

export const anchoredHead = (anchor: Anchor): GlobalChainHead => ({
  events: anchor.events,
  link: anchor.link,
  last: anchor.last && { ...anchor.last, position: positionFromString(anchor.last.position) },
});

const isText = (v: unknown): v is string => typeof v === 'string';

/** Shape check of an anchor read back from a sink; undefined when it is not one. */
export const parseAnchor = (value: unknown): Anchor | undefined => {
  const a = value as Partial<Anchor> | null;
  if (!a || a.format !== 'trestle-anchor/1' || a.algorithm !== 'HMAC-SHA256') return undefined;
  if (!isText(a.keyId) || !isText(a.link) || !isText(a.anchoredAt) || !isText(a.signature) || !Number.isSafeInteger(a.events)) return undefined;
  const last = a.last;
  if (last !== null && (typeof last !== 'object' || !isText(last?.position) || !isText(last.streamName) || !isText(last.eventId)
    || !Number.isSafeInteger(last.revision) || !/^\d+\/\d+$/.test(last.position))) return undefined;
  return a as Anchor;
};
