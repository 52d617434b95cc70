import type { DocumentRef } from '../../../../domain/documents/document-ref.js';
import type { BooksObjectSnapshot } from '../../../../domain/documents/snapshots.js';
import type { Normalised } from '../normalise/normalised.js';
import type { KnownObject, KnownObjects } from '../state/inbound-tables.js';
import type { FetchOutcome } from './observation.js';

// The hub's own objects in the books (bills, invoices... it wrote), whichever books they are in:
// how an observation of one is compared with what the hub last knew of it.

export interface ObjectKey {
  readonly connection: string;
  readonly system: 'quickbooks' | 'xero';
  readonly entity: string;
  readonly id: string;
}

/**
 * The hub's object as it last knew it. The first sighting of a hub-marked object nobody
 * recorded, or the echo of the hub's own write (same version), becomes the baseline; a
 * version the hub did not write is compared with the baseline it has.
 */
const baselineFor = async (known: KnownObjects, key: ObjectKey, current: KnownObject | undefined, snapshot: BooksObjectSnapshot): Promise<unknown> => {
  if (current && current.baseline !== null && current.version !== snapshot.syncToken) return current.baseline;
  await known.rememberBaseline(key.connection, key.system, key.entity, key.id, snapshot.syncToken, snapshot);
  return snapshot;
};

/** An observation of one of the hub's books objects; once an edit by hand is recorded, the edited state is the new baseline. */
export const hubObject = async (known: KnownObjects, key: ObjectKey, current: KnownObject | undefined, ref: DocumentRef, normalised: Normalised<BooksObjectSnapshot>, raw: unknown): Promise<FetchOutcome> => {
  const hubBaseline = await baselineFor(known, key, current, normalised.snapshot);
  const afterRecord = () => known.rememberBaseline(key.connection, key.system, key.entity, key.id, normalised.snapshot.syncToken, normalised.snapshot);
  return { kind: 'observed', observation: { ref, version: normalised.version, snapshot: normalised.snapshot, raw, hubBaseline, afterRecord } };
};

/**
 * The books still hold the version the hub knows (QuickBooks SyncToken): the echo of the
 * hub's own write, or a redelivery of a change already recorded. Decided on the version the
 * read returned, never on the notice's time: QuickBooks keeps times to the second, so a hand
 * edit within the second of the hub's write would pass for its echo. That costs a read per
 * notice (metered, on the shared 500/min); a missed hand edit costs more.
 */
export const isKnownVersion = (known: KnownObject | undefined, syncToken: unknown): boolean =>
  known !== undefined && known.baseline !== null && typeof syncToken === 'string' && known.version === syncToken;

/** A polled object is worth a notice when it is one of the hub's own (by table or marker). */
export const relevant = async (known: KnownObjects, connection: string, system: 'quickbooks' | 'xero', entity: string, id: string, marked: boolean): Promise<boolean> =>
  marked || (await known.get(connection, system, entity, id)) !== undefined;
