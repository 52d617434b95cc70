import type { QbxmlResponse } from '../qbxml/qbxml-document.js';
import { probeResult } from '../qbxml/probe-match.js';
import type { QueueEntry } from './queue-state.js';
import type { QbdResponseRecorded } from './queue-events.js';

/**
 * Worth another session (qbd §6): an internal error (1000), a request not processed after an
 * earlier failure (530, 3231), a record in use or locked (3170-3176), a save failure (3180,
 * usually "modified by another user"). Everything else is the books refusing the content.
 */
const RETRYABLE = new Set([530, 1000, 3170, 3175, 3176, 3180, 3231]);

/** "The provided edit sequence is out-of-date" (qbd §6): re-read, then retry. */
const STALE_EDIT_SEQUENCE = 3200;

type Outcome = Pick<QbdResponseRecorded['data'], 'outcome' | 'ret' | 'rets' | 'iteratorId' | 'iteratorRemainingCount'>;

/** What QuickBooks' answer means for the entry that was handed out. */
export const classifyResponse = (entry: QueueEntry, step: 'write' | 'probe', response: QbxmlResponse): Outcome => {
  if (entry.operation.match.by === 'all') {
    // A read: "no match" (1) is an empty page; a page with more to come names its iterator.
    if (response.statusCode !== 0 && response.statusCode !== 1) return { outcome: RETRYABLE.has(response.statusCode) ? 'retry' : 'refused', ret: null };
    return {
      outcome: 'page', ret: null, rets: response.rets, iteratorRemainingCount: response.iteratorRemainingCount ?? 0,
      ...(response.iteratorId ? { iteratorId: response.iteratorId } : {}),
    };
  }
  if (step === 'probe') {
    const probed = probeResult(entry.operation.match, response);
    // Not found, the answer may still carry the object as it is now (a modification's current EditSequence).
    if ('found' in probed) return probed.found ? { outcome: 'found', ret: probed.found } : { outcome: 'not-found', ret: response.rets[0] ?? null };
    return { outcome: RETRYABLE.has(response.statusCode) ? 'retry' : 'refused', ret: null };
  }
  if (response.statusCode === 0) return { outcome: 'written', ret: response.rets[0] ?? {} };
  if (response.statusCode === STALE_EDIT_SEQUENCE) return { outcome: 'stale', ret: null };
  return { outcome: RETRYABLE.has(response.statusCode) ? 'retry' : 'refused', ret: null };
};
