import type { BooksFailure } from '../../../domain/books/index.js';
import type { ClassTracking } from '../company-preferences.js';
import { centsFromWire } from './books-body.js';
import type { QboCall } from './deps.js';
import { failureFrom } from './qbo-failure.js';

type Body = Record<string, unknown>;
type Ref = { value: string };

/**
 * Entities with a transaction-level ClassRef (facts §2.2, §2.3, §2.11, §2.12). A Bill or
 * VendorCredit has none: where the company tracks classes per transaction only, its lines'
 * classes have nowhere QuickBooks would keep them.
 */
const HEADER_CLASS: ReadonlySet<string> = new Set(['Invoice', 'Estimate', 'PurchaseOrder', 'TimeActivity']);

const isObject = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The line's detail object (`AccountBasedExpenseLineDetail`, `SalesItemLineDetail`, ...), named by its DetailType. */
const detailOf = (line: Body): Body | undefined => {
  const detail = typeof line.DetailType === 'string' ? line[line.DetailType] : undefined;
  return isObject(detail) ? detail : undefined;
};

const classOf = (line: Body): Ref | undefined => {
  const ref = detailOf(line)?.ClassRef;
  return isObject(ref) && typeof ref.value === 'string' ? { value: ref.value } : undefined;
};

/** The class carrying most of the amount (the first on a tie): one class must speak for the whole transaction. */
export const dominantClass = (lines: readonly Body[]): Ref | undefined => {
  const totals = new Map<string, number>();
  for (const line of lines) {
    const ref = classOf(line);
    if (ref) totals.set(ref.value, (totals.get(ref.value) ?? 0) + Math.abs(centsFromWire(line.Amount) ?? 0));
  }
  let best: [string, number] | undefined;
  for (const entry of totals) if (!best || entry[1] > best[1]) best = entry;
  return best ? { value: best[0] } : undefined;
};

const withoutLineClass = (line: Body): Body => {
  const detail = detailOf(line);
  if (!detail || !('ClassRef' in detail)) return line;
  const { ClassRef: _dropped, ...rest } = detail;
  return { ...line, [String(line.DetailType)]: rest };
};

/**
 * The body with ClassRef only where the company tracks classes: kept on lines when it tracks
 * per line; on the transaction when it tracks per transaction (the transaction's own class, or
 * the class of most of its lines); nowhere when it tracks none. A TimeActivity is one record
 * with no lines: its ClassRef stands for both. QuickBooks would silently drop any other.
 */
export const placeClasses = (entity: string, body: Body, tracking: ClassTracking): Body => {
  const { ClassRef: header, ...rest } = body;
  const lines = Array.isArray(body.Line) ? body.Line.filter(isObject) : undefined;
  if (!lines) return (tracking.perTxn || tracking.perLine) && header !== undefined ? body : rest;
  const txnClass = tracking.perTxn && HEADER_CLASS.has(entity) ? (isObject(header) ? header : dominantClass(lines)) : undefined;
  return {
    ...rest,
    ...(txnClass ? { ClassRef: txnClass } : {}),
    Line: tracking.perLine ? lines : lines.map(withoutLineClass),
  };
};

/** placeClasses with the company's tracking; a failed Preferences read fails the call like any read (retried). */
export const withClassesPlaced = async (call: QboCall, entity: string, body: Body): Promise<Body | BooksFailure> => {
  const tracking = await call.classTracking();
  return tracking.ok ? placeClasses(entity, body, tracking.body) : failureFrom(tracking.error, 'read');
};
