import type { BooksCall, BooksResult, BooksSuccess, EstimateAmended, EstimateAmendment } from '../../../domain/books/index.js';
import { isBooksFailure } from '../../../domain/books/index.js';
import type { QboObject } from '../quickbooks-client.js';
import { centsFromWire } from './books-body.js';
import { withClassesPlaced } from './class-placement.js';
import { callFor, isFailure, recordWrite, type QboCall, type QuickBooksOutboundDeps } from './deps.js';
import { writeDocument } from './entities.js';
import { derivedRequestId } from './qbo-calls.js';
import { failureFrom, faultCode } from './qbo-failure.js';
import { salesLineBody } from './sales-body.js';
import { idOf, syncTokenOf } from './written.js';

type EstimateData = EstimateAmendment;
type Line = Record<string, unknown>;

/** Reads of the Estimate per delivery: the first, then one per 5010 (another writer got in between). */
const MAX_READS = 3;

/** QuickBooks computes the subtotal line itself: it is not kept, not counted and not matched. */
const linesOf = (estimate: QboObject): Line[] =>
  (Array.isArray(estimate.Line) ? (estimate.Line as Line[]) : []).filter((l) => l.DetailType !== 'SubTotalLineDetail');

const itemOf = (line: Line): unknown => (line.SalesItemLineDetail as { ItemRef?: { value?: unknown } } | undefined)?.ItemRef?.value;

const sameLine = (line: Line | undefined, wanted: Line): boolean =>
  line !== undefined && line.DetailType === wanted.DetailType && line.Description === wanted.Description
  && centsFromWire(line.Amount ?? 0) === centsFromWire(wanted.Amount ?? 0) && itemOf(line) === itemOf(wanted);

/**
 * The request's lines already in force on this Estimate, and their Ids: none of the replaced
 * lines left, and the request's lines there in a row. Undefined when the update has not happened.
 */
export const appliedLineIds = (estimate: QboObject, data: EstimateData): string[] | undefined => {
  const lines = linesOf(estimate);
  if (lines.some((l) => data.replaceLineIds.includes(String(l.Id)))) return undefined;
  const wanted = data.lines.map(salesLineBody);
  for (let start = lines.length - wanted.length; start >= 0; start--) {
    if (wanted.every((w, i) => sameLine(lines[start + i], w))) return lines.slice(start, start + wanted.length).map((l) => String(l.Id));
  }
  return undefined;
};

const updated = async (
  call: QboCall, data: EstimateData, estimate: QboObject, lineIds: readonly string[], status?: number,
): Promise<BooksSuccess<EstimateAmended>> => {
  const syncToken = syncTokenOf(estimate);
  await recordWrite(call, 'Estimate', data.estimateId, syncToken, false, estimate);
  return { ok: true, value: { id: idOf(estimate) || data.estimateId, version: syncToken, lineIds }, ...(status !== undefined ? { status } : {}), response: estimate };
};

/** The Estimate as read, its replaced lines dropped and the request's lines appended: a full update of what was read. */
const nextBody = (estimate: QboObject, data: EstimateData): { body: Record<string, unknown>; kept: number } => {
  const kept = linesOf(estimate).filter((l) => !data.replaceLineIds.includes(String(l.Id)));
  return { body: { ...estimate, Line: [...kept, ...data.lines.map(salesLineBody)] }, kept: kept.length };
};

/** The new lines' Ids in the answer: matched as written, else (text normalised by QuickBooks) the lines after the kept ones. */
const writtenLineIds = (estimate: QboObject, data: EstimateData, kept: number): string[] =>
  appliedLineIds(estimate, data) ?? linesOf(estimate).slice(kept, kept + data.lines.length).map((l) => String(l.Id));

/**
 * Read, replace this change order's lines, write with the SyncToken read. Other change orders
 * write the same Estimate, so a stale token (5010) starts again from a fresh read rather than
 * re-sending the old body. Lines already in force (a lost answer) are success without a write.
 */
export const amendEstimate = async (deps: QuickBooksOutboundDeps, booksCall: BooksCall, data: EstimateAmendment): Promise<BooksResult<EstimateAmended>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  for (let reads = 1; ; reads++) {
    const current = await call.client.read('Estimate', data.estimateId);
    if (!current.ok) return failureFrom(current.error, 'read');
    const applied = appliedLineIds(current.body, data);
    if (applied) return updated(call, data, current.body, applied, current.status);
    // The body depends on the version read, so the requestid does too: the same read on redelivery
    // replays, and a version this write already bumped can't be answered with a stale replay.
    const requestId = derivedRequestId(call.idempotencyKey, 'synctoken', syncTokenOf(current.body));
    const next = nextBody(current.body, data);
    const body = await withClassesPlaced(call, 'Estimate', next.body);
    if (isBooksFailure(body)) return body;
    const result = await writeDocument(call.client, 'Estimate', body, { requestId });
    if (result.ok) return updated(call, data, result.body, writtenLineIds(result.body, data, next.kept), result.status);
    if (faultCode(result.error) !== '5010' || reads === MAX_READS || call.signal.aborted) return failureFrom(result.error, 'write');
  }
};

/** Asked after a lost answer: the amendment's lines in force on the Estimate mean it happened. */
export const findEstimateAmended = async (
  deps: QuickBooksOutboundDeps, booksCall: BooksCall, data: EstimateAmendment,
): Promise<BooksResult<EstimateAmended | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const current = await call.client.read('Estimate', data.estimateId);
  if (!current.ok) return current.error.kind === 'not_found' ? { ok: true, value: null } : failureFrom(current.error, 'read');
  const applied = appliedLineIds(current.body, data);
  if (!applied) return { ok: true, value: null, status: current.status };
  const success = await updated(call, data, current.body, applied);
  return { ok: true, value: success.value, status: current.status };
};
