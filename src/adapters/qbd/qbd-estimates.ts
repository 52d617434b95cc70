import { BooksLookupUnavailableError, type BooksCall, type BooksResult, type EstimateAmended, type EstimateAmendment } from '../../domain/books/index.js';
import { appliedEstimateLines, estimateAmendOperation, estimateLookupOperation, estimateReadOperation } from './qbxml/estimate-requests.js';
import { retText } from './qbxml/qbxml-document.js';
import type { QbdOperation } from './qbxml/requests.js';
import type { QbdQueue } from './queue/qbd-queue.js';

type Ret = Readonly<Record<string, unknown>>;

/** The port's queue-and-wait for one operation (QbdBooksPort.run). */
export type RunOperation = <T>(call: BooksCall, operation: QbdOperation, done: (ret: Ret | null, created: boolean) => BooksResult<T>) => Promise<BooksResult<T>>;

/** Fresh reads of the estimate per amendment: the first, then one per stale EditSequence (another change order got in between). */
const MAX_ATTEMPTS = 4;
const STALE = '3200';

const keyOf = (call: BooksCall, step: 'read' | 'write', attempt: number): BooksCall => ({ ...call, idempotencyKey: `${call.idempotencyKey}:${step}:${attempt}` });

/** The latest attempt this amendment reached (its read queued), 1 when none. */
const attemptOf = async (queue: QbdQueue, call: BooksCall): Promise<number> => {
  const state = await queue.state(call.connection);
  let attempt = 1;
  while (attempt < MAX_ATTEMPTS && state.entries.has(keyOf(call, 'read', attempt + 1).idempotencyKey)) attempt += 1;
  return attempt;
};

const amended = (estimateId: string, ret: Ret, lineIds: readonly string[]): BooksResult<EstimateAmended> =>
  ({ ok: true, value: { id: retText(ret, 'TxnID') || estimateId, version: retText(ret, 'EditSequence'), lineIds } });

/**
 * A change order's lines on the contract's estimate: read it, then EstimateMod at the
 * EditSequence read. Lines already in force (a lost answer) are success without a write; a stale
 * EditSequence starts over from a fresh read, since the body depends on what was read.
 */
export const amendEstimate = async (run: RunOperation, queue: QbdQueue, call: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended>> => {
  for (let attempt = await attemptOf(queue, call); ; attempt += 1) {
    const writeCall = keyOf(call, 'write', attempt);
    const queued = await queue.entry(call.connection, writeCall.idempotencyKey);
    let operation = queued?.operation;
    if (!operation) {
      const read = await run(keyOf(call, 'read', attempt), estimateReadOperation(amendment.estimateId), (ret) => ({ ok: true, value: ret }));
      if (!read.ok) return read;
      if (!read.value) return { ok: false, kind: 'permanent', code: 'QBD_ESTIMATE_NOT_FOUND', message: `QuickBooks Desktop has no estimate ${amendment.estimateId}` };
      const applied = appliedEstimateLines(read.value, amendment);
      if (applied) return amended(amendment.estimateId, read.value, applied);
      operation = estimateAmendOperation(amendment.estimateId, read.value, amendment);
    }
    const written = await run(writeCall, operation, (ret) => {
      const lines = Array.isArray(ret?.EstimateLineRet) ? (ret.EstimateLineRet as Ret[]) : [];
      const lineIds = appliedEstimateLines(ret ?? {}, amendment) ?? lines.slice(-amendment.lines.length).map((l) => retText(l, 'TxnLineID'));
      return amended(amendment.estimateId, ret ?? {}, lineIds);
    });
    if (written.ok || written.code !== STALE || attempt >= MAX_ATTEMPTS) return written;
  }
};

/** After a lost answer: the latest attempt's write, when QuickBooks answered it. */
export const findEstimateAmended = async (queue: QbdQueue, call: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended | null>> => {
  const attempt = await attemptOf(queue, call);
  const result = (await queue.entry(call.connection, keyOf(call, 'write', attempt).idempotencyKey))?.result;
  if (!result?.ok || !result.ret) return { ok: true, value: null };
  const lineIds = appliedEstimateLines(result.ret, amendment);
  return { ok: true, value: lineIds ? { id: retText(result.ret, 'TxnID') || amendment.estimateId, version: retText(result.ret, 'EditSequence'), lineIds } : null };
};

/**
 * The estimate of a prime contract, by number, looked up through the Web Connector. A lookup
 * not answered yet is a passing outage to the saga (it retries); none found is null.
 */
export const findEstimate = async (run: RunOperation, connection: string, numbers: readonly string[], now: string): Promise<{ readonly estimateId: string } | null> => {
  if (numbers.length === 0) return null;
  // Asked afresh each day: an estimate the bookkeeper adds later is found then.
  const call: BooksCall = { connection, idempotencyKey: `lookup:estimate:${numbers.join('|')}:${now.slice(0, 10)}`, signal: new AbortController().signal };
  const found = await run(call, estimateLookupOperation(numbers), (ret) => ({ ok: true, value: ret }));
  if (!found.ok) {
    if (found.kind === 'throttled') throw new BooksLookupUnavailableError(`QuickBooks Desktop estimate ${numbers.join(' or ')}`, `waiting for a Web Connector session (asked ${now})`);
    return null;
  }
  return found.value ? { estimateId: retText(found.value, 'TxnID') } : null;
};
