import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../eventstore/hash-chain.js';

/**
 * The hub marks what it creates in the books: a `trestle:` prefix on the memo or number
 * the outbound side writes (QuickBooks PrivateNote or DocNumber; Xero Reference,
 * InvoiceNumber or Url). The known-objects table is the other half of the answer.
 */
export const HUB_MARKER = 'trestle:';
export const isHubMarked = (...fields: unknown[]): boolean =>
  fields.some((f) => typeof f === 'string' && (f.startsWith(HUB_MARKER) || f.includes(`/${HUB_MARKER}`)));

/** A short hash of what a person edits on a transaction: the parts a payment never touches. */
export const fingerprint = (editable: unknown): string => createHash('sha256').update(canonicalJson(editable)).digest('hex').slice(0, 32);

