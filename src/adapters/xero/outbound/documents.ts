import { isBooksFailure, type BooksCall, type BooksFailure, type BooksPosting, type BooksResult, type BooksWritten, type ExistingDocument, type Retirement } from '../../../domain/books/index.js';
import type { ApiResult } from '../../../platform/http/api-result.js';
import type { XeroObject } from '../xero-client.js';
import { bodyFor, TrackingResolver, type BodyResult } from './bodies.js';
import { allocateCredit } from './credit-allocations.js';
import { callFor, isFailure, recordWrite, versionOf, type XeroCall, type XeroOutboundDeps } from './deps.js';
import { carriesPosting, idOf, isRetired, kindOf, retiredStatus, writtenOf, type XeroKind } from './document-kinds.js';
import { failureFrom, objectRefused, permanent } from './xero-failure.js';
import { hasErrors, quoted, writeObjects } from './xero-writes.js';

type Written = BooksResult<BooksWritten>;

/** Time entries go to Xero Projects (time-entries.ts, time-entry-changes.ts), never here. */
const unsupported = (posting: { kind: string }) => permanent('XERO_UNSUPPORTED', `the Xero Accounting API adapter does not write ${posting.kind} documents`);

/** The status a bill, credit note or sales invoice is written in (DRAFT for review, AUTHORISED to post). */
export const statusFor = (call: XeroCall): string => call.deps.documentStatus?.(call.connection) ?? 'AUTHORISED';

/** The body, with tracking read once more when a reference is new to the cache (added in Xero since). */
export const bodyOf = async (call: XeroCall, posting: BooksPosting): Promise<BodyResult> => {
  for (const fresh of [false, true]) {
    const categories = await call.tracking.load(call.client, fresh);
    if (!categories.ok) return failureFrom(categories.error, 'read');
    const body = bodyFor(posting, new TrackingResolver(categories.body), statusFor(call), call.deps.publicUrl);
    if (!isBooksFailure(body) || body.code !== 'TRACKING_NOT_FOUND' || fresh) return body;
  }
  return permanent('TRACKING_NOT_FOUND', 'tracking could not be read');
};

/** A written (or found) document: recorded as the hub's, answered in the port's words. */
export const settled = async (call: XeroCall, kind: XeroKind, posting: BooksPosting, object: XeroObject, status?: number): Promise<Written> => {
  await recordWrite(call, kind.entity, idOf(kind, object), object);
  // A supplier credit goes on the bills it credits; a passing failure retries the document, whose find allocates what is left.
  const unallocated = posting.kind === 'vendor-credit' ? await allocateCredit(call, object) : undefined;
  if (unallocated) return unallocated;
  return { ok: true, value: writtenOf(kind, posting, object), ...(status !== undefined ? { status } : {}), response: object };
};

/** One echoed object of a write: saved, or refused with Xero's own words for this document only. */
export const settleEcho = (call: XeroCall, kind: XeroKind, posting: BooksPosting, echo: XeroObject, status: number): Promise<Written> | Written =>
  (hasErrors(echo) ? objectRefused(echo, kind.label) : settled(call, kind, posting, echo, status));

/** Candidates narrowed by Xero's own filters; the marker (or number, date and total) decides. */
const candidates = (call: XeroCall, kind: XeroKind, posting: BooksPosting): Promise<ApiResult<XeroObject[]>> => {
  switch (posting.kind) {
    case 'bill': return call.client.list('Invoices', {
      where: 'Type=="ACCPAY"', ContactIDs: posting.vendorRef.value, ...(posting.number ? { InvoiceNumbers: posting.number } : {}),
    });
    case 'vendor-credit': return call.client.list('CreditNotes', { where: `Contact.ContactID==Guid(${quoted(posting.vendorRef.value)})` });
    case 'sales-invoice': return call.client.list('Invoices', { where: `Type=="ACCREC" AND Reference==${quoted(posting.note.marker)}` });
    // Xero's PurchaseOrders list takes no where= (UNCONFIRMED): read them all and match here.
    default: return call.client.listModifiedSince(kind.collection, undefined);
  }
};

export const findByMarker = async (call: XeroCall, kind: XeroKind, posting: BooksPosting): Promise<ApiResult<XeroObject | undefined>> => {
  const found = await candidates(call, kind, posting);
  if (!found.ok) return found;
  return { ...found, body: found.body.find((o) => carriesPosting(posting, o)) };
};

/** What a create or an update needs before it writes: the call, the document kind and its body, or why not. */
const readyToWrite = async (
  deps: XeroOutboundDeps, booksCall: BooksCall, posting: BooksPosting,
): Promise<{ call: XeroCall; kind: XeroKind; body: XeroObject } | BooksFailure> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const kind = kindOf(posting.kind);
  if (!kind) return unsupported(posting);
  const body = await bodyOf(call, posting);
  return isBooksFailure(body) ? body : { call, kind, body };
};

export const createDocument = async (deps: XeroOutboundDeps, booksCall: BooksCall, posting: BooksPosting): Promise<Written> => {
  const ready = await readyToWrite(deps, booksCall, posting);
  if (isBooksFailure(ready)) return ready;
  const { call, kind, body } = ready;
  const written = await writeObjects(call, 'PUT', kind.collection, [body], call.idempotencyKey);
  if (!written.ok) return failureFrom(written.error, 'write');
  return settleEcho(call, kind, posting, written.body[0]!, written.status);
};

export const findCreated = async (deps: XeroOutboundDeps, booksCall: BooksCall, posting: BooksPosting): Promise<BooksResult<BooksWritten | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const kind = kindOf(posting.kind);
  if (!kind) return { ok: true, value: null };
  const found = await findByMarker(call, kind, posting);
  if (!found.ok) return failureFrom(found.error, 'read');
  if (!found.body) return { ok: true, value: null, status: found.status };
  return settled(call, kind, posting, found.body, found.status);
};

/**
 * A full update by id (POST /{Collection}/{id}): every field of the posting, its lines
 * replacing the old ones (a PO line sent with its LineItemID keeps it). Xero has no
 * version check on writes: the last writer wins, as in Xero's own UI.
 */
export const updateDocument = async (deps: XeroOutboundDeps, booksCall: BooksCall, existing: ExistingDocument, posting: BooksPosting): Promise<Written> => {
  const ready = await readyToWrite(deps, booksCall, posting);
  if (isBooksFailure(ready)) return ready;
  const { call, kind, body } = ready;
  const written = await writeObjects(call, 'POST', kind.collection, [{ ...body, [kind.idKey]: existing.id }], call.idempotencyKey, `/${kind.collection}/${encodeURIComponent(existing.id)}`);
  if (!written.ok) return failureFrom(written.error, 'write');
  return settleEcho(call, kind, posting, written.body[0]!, written.status);
};

/** The update happened when the document carries this posting's marker (or number, date and total). */
export const findUpdated = async (deps: XeroOutboundDeps, booksCall: BooksCall, existing: ExistingDocument, posting: BooksPosting): Promise<BooksResult<BooksWritten | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const kind = kindOf(posting.kind);
  if (!kind) return { ok: true, value: null };
  const current = await call.client.read(kind.collection, existing.id);
  if (!current.ok) return current.error.kind === 'not_found' ? { ok: true, value: null } : failureFrom(current.error, 'read');
  return carriesPosting(posting, current.body) ? settled(call, kind, posting, current.body, current.status) : { ok: true, value: null, status: current.status };
};

const retiredWritten = (object: XeroObject, id: string): BooksWritten => ({ id, version: versionOf(object) });

/** Deleted (a draft), voided (approved) or, for a PO, marked billed; already so, or gone, is success. */
export const retireDocument = async (deps: XeroOutboundDeps, booksCall: BooksCall, existing: ExistingDocument, how: Retirement): Promise<Written> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const kind = kindOf(existing.kind);
  if (!kind) return unsupported(existing);
  const current = await call.client.read(kind.collection, existing.id);
  if (!current.ok) return current.error.kind === 'not_found' ? { ok: true, value: { id: existing.id, version: existing.version } } : failureFrom(current.error, 'read');
  const status = String(current.body.Status ?? '');
  if (isRetired(existing.kind, status)) return { ok: true, value: retiredWritten(current.body, existing.id), status: current.status };
  const next = retiredStatus(existing.kind, status, how);
  const written = await writeObjects(call, 'POST', kind.collection, [{ [kind.idKey]: existing.id, Status: next }], call.idempotencyKey, `/${kind.collection}/${encodeURIComponent(existing.id)}`);
  if (!written.ok) return failureFrom(written.error, 'write');
  const echo = written.body[0]!;
  if (hasErrors(echo)) return objectRefused(echo, `${kind.label} (setting it ${next})`);
  await recordWrite(call, kind.entity, existing.id, echo, next === 'DELETED');
  return { ok: true, value: retiredWritten(echo, existing.id), status: written.status, response: echo };
};

export const findRetired = async (deps: XeroOutboundDeps, booksCall: BooksCall, existing: ExistingDocument): Promise<BooksResult<BooksWritten | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const kind = kindOf(existing.kind);
  if (!kind) return { ok: true, value: null };
  const current = await call.client.read(kind.collection, existing.id);
  if (!current.ok) return current.error.kind === 'not_found' ? { ok: true, value: { id: existing.id, version: existing.version } } : failureFrom(current.error, 'read');
  return isRetired(existing.kind, String(current.body.Status ?? '')) ? { ok: true, value: retiredWritten(current.body, existing.id) } : { ok: true, value: null };
};
