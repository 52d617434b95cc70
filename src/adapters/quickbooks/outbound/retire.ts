import type { BooksCall, BooksResult, BooksWritten, ExistingDocument, Retirement } from '../../../domain/books/index.js';
import type { ApiResult } from '../../../platform/http/api-result.js';
import type { QboObject } from '../quickbooks-client.js';
import { callFor, isFailure, recordWrite, type QboCall, type QuickBooksOutboundDeps } from './deps.js';
import { ENTITY, isRetired } from './document-kinds.js';
import { writeDocument } from './entities.js';
import { withCurrentSyncToken, type QboDocumentEntity } from './qbo-calls.js';
import { failureFrom } from './qbo-failure.js';
import { syncTokenOf } from './written.js';

/** delete (Bill, VendorCredit, TimeActivity), void (Invoice: kept at zero), close (PurchaseOrder: POStatus Closed). */
const retireWrite = (call: QboCall, entity: QboDocumentEntity, how: Retirement, id: string, syncToken: string, requestId: string): Promise<ApiResult<QboObject>> => {
  const base = { Id: id, SyncToken: syncToken };
  switch (how) {
    case 'delete': return writeDocument(call.client, entity, base, { requestId, operation: 'delete' });
    case 'void': return writeDocument(call.client, entity, base, { requestId, operation: 'void' });
    case 'close': return writeDocument(call.client, entity, { ...base, sparse: true, POStatus: 'Closed' }, { requestId });
  }
};

/**
 * One write with Id + SyncToken (re-read on 5010). 610 means it is gone: nothing is left to
 * retire, which is success; that case is not the hub's write (somebody else deleted it, and
 * inbound should hear of it as such), so it is not recorded as one.
 */
export const retireDocument = async (
  deps: QuickBooksOutboundDeps, booksCall: BooksCall, existing: ExistingDocument, how: Retirement,
): Promise<BooksResult<BooksWritten>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const entity = ENTITY[existing.kind];
  const { id, version } = existing;
  const result = await withCurrentSyncToken(call, entity, id, version, (syncToken, requestId) => retireWrite(call, entity, how, id, syncToken, requestId));
  if (!result.ok) {
    if (result.error.kind !== 'not_found') return failureFrom(result.error, 'write');
    return { ok: true, value: { id, version }, status: result.error.status ?? 400, response: result.error.body };
  }
  // A deleted stub carries no SyncToken: the last one known names the version removed.
  const syncToken = syncTokenOf(result.body) || version;
  await recordWrite(call, entity, id, syncToken, how === 'delete', result.body);
  return { ok: true, value: { id, version: syncToken }, status: result.status, response: result.body };
};

/**
 * Asked when the hub's own write may have gone through unseen: retired as read (or, for a
 * delete, gone) is recorded as that write; otherwise it did not happen.
 */
export const findRetired = async (
  deps: QuickBooksOutboundDeps, booksCall: BooksCall, existing: ExistingDocument, how: Retirement,
): Promise<BooksResult<BooksWritten | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const entity = ENTITY[existing.kind];
  const { id, version } = existing;
  const current = await call.client.read(entity, id);
  if (!current.ok) {
    if (current.error.kind !== 'not_found') return failureFrom(current.error, 'read');
    if (how === 'delete') await recordWrite(call, entity, id, version, true);
    return { ok: true, value: { id, version } };
  }
  if (!isRetired(how, current.body)) return { ok: true, value: null, status: current.status };
  const syncToken = syncTokenOf(current.body);
  await recordWrite(call, entity, id, syncToken, false, current.body);
  return { ok: true, value: { id, version: syncToken }, status: current.status };
};
