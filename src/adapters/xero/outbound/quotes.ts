import { BooksLookupUnavailableError, type BooksCall, type BooksResult, type EstimateAmended, type EstimateAmendment } from '../../../domain/books/index.js';
import { parseMoney } from '../../../domain/shared/money.js';
import type { XeroClient, XeroObject } from '../xero-client.js';
import { TrackingResolver, xeroAmount } from './bodies.js';
import { callFor, isFailure, recordWrite, versionOf, type XeroOutboundDeps } from './deps.js';
import { failureFrom, objectRefused } from './xero-failure.js';
import { hasErrors, writeObjects } from './xero-writes.js';

/**
 * Estimates as Xero Quotes: the contract's schedule of values is a quote a person made (found
 * by its QuoteNumber); a prime change order replaces the lines it wrote before with its own,
 * each at quantity 1 to the account its line names (Xero has no items for billing here),
 * tracked by its class. Lines of other change orders keep their LineItemIDs.
 */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const linesOf = (quote: XeroObject): XeroObject[] => (Array.isArray(quote.LineItems) ? quote.LineItems as XeroObject[] : []);

/** The quote with one of the numbers (in their order); a passing outage throws, for the saga to retry. */
export const findQuote = async (client: XeroClient, numbers: readonly string[]): Promise<{ readonly estimateId: string } | null> => {
  for (const number of numbers) {
    const found = await client.list('Quotes', { QuoteNumber: number });
    if (!found.ok) {
      if (found.error.kind === 'not_found') continue;
      throw new BooksLookupUnavailableError(`Xero quote ${number}`, found.error.message);
    }
    const quote = found.body.find((q) => text(q.Status) !== 'DELETED');
    if (quote) return { estimateId: text(quote.QuoteID) };
  }
  return null;
};

const KEPT_FIELDS = ['LineItemID', 'Description', 'Quantity', 'UnitAmount', 'AccountCode', 'ItemCode', 'TaxType', 'Tracking'];
const keptLine = (line: XeroObject): XeroObject => Object.fromEntries(KEPT_FIELDS.filter((k) => line[k] !== undefined).map((k) => [k, line[k]]));

const newLines = (amendment: EstimateAmendment, tracking: TrackingResolver): XeroObject[] => amendment.lines.map((line) => (line.kind === 'description'
  ? { Description: line.description }
  : { Description: line.description, Quantity: 1, UnitAmount: xeroAmount(line.unitPrice), AccountCode: line.itemRef.value, TaxType: 'NONE', Tracking: tracking.tracking(line.classRef) }));

const sameAmount = (a: unknown, b: unknown): boolean => {
  try {
    return parseMoney(String(a ?? 0)) === parseMoney(String(b ?? 0));
  } catch {
    return false;
  }
};

/** Whether the quote already holds the amendment: none of the replaced lines, and its lines last, in order. */
const holds = (quote: XeroObject, amendment: EstimateAmendment, wanted: readonly XeroObject[]): boolean => {
  const lines = linesOf(quote);
  if (lines.some((l) => amendment.replaceLineIds.includes(text(l.LineItemID)))) return false;
  const tail = lines.slice(lines.length - wanted.length);
  return tail.length === wanted.length && tail.every((l, i) => l.Description === wanted[i]!.Description && sameAmount(l.UnitAmount, wanted[i]!.UnitAmount));
};

const amended = (quote: XeroObject, count: number): EstimateAmended => ({
  id: text(quote.QuoteID), version: versionOf(quote), lineIds: linesOf(quote).slice(-count).map((l) => text(l.LineItemID)),
});

export const amendQuote = async (deps: XeroOutboundDeps, booksCall: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const [current, categories] = await Promise.all([call.client.read('Quotes', amendment.estimateId), call.tracking.load(call.client)]);
  if (!current.ok) return failureFrom(current.error, 'read');
  if (!categories.ok) return failureFrom(categories.error, 'read');
  const tracking = new TrackingResolver(categories.body);
  const wanted = newLines(amendment, tracking);
  const missing = tracking.failure();
  if (missing) return missing;
  if (holds(current.body, amendment, wanted)) return { ok: true, value: amended(current.body, wanted.length), status: current.status };
  // Xero replaces a document's lines with those sent: the others' lines go back as they are, with their ids.
  const kept = linesOf(current.body).filter((l) => !amendment.replaceLineIds.includes(text(l.LineItemID))).map(keptLine);
  const path = `/Quotes/${encodeURIComponent(amendment.estimateId)}`;
  const written = await writeObjects(call, 'POST', 'Quotes', [{ QuoteID: amendment.estimateId, LineItems: [...kept, ...wanted] }], call.idempotencyKey, path);
  if (!written.ok) return failureFrom(written.error, 'write');
  const echo = written.body[0]!;
  if (hasErrors(echo)) return objectRefused(echo, 'quote');
  await recordWrite(call, 'Quote', amendment.estimateId, echo);
  return { ok: true, value: amended(echo, wanted.length), status: written.status, response: echo };
};

export const findQuoteAmended = async (deps: XeroOutboundDeps, booksCall: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const [current, categories] = await Promise.all([call.client.read('Quotes', amendment.estimateId), call.tracking.load(call.client)]);
  if (!current.ok) return failureFrom(current.error, 'read');
  if (!categories.ok) return failureFrom(categories.error, 'read');
  const wanted = newLines(amendment, new TrackingResolver(categories.body));
  return { ok: true, value: holds(current.body, amendment, wanted) ? amended(current.body, wanted.length) : null, status: current.status };
};
