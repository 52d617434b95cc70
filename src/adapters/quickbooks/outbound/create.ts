import type { BooksCall, BooksPosting, BooksResult, BooksSuccess, BooksWritten } from '../../../domain/books/index.js';
import { isBooksFailure } from '../../../domain/books/index.js';
import type { ApiError, ApiResult } from '../../../platform/http/api-result.js';
import type { QboObject } from '../quickbooks-client.js';
import { withClassesPlaced } from './class-placement.js';
import { callFor, isFailure, recordWrite, type QboCall, type QuickBooksOutboundDeps } from './deps.js';
import { bodyOf, ENTITY, LABEL, postedOf, searchOf } from './document-kinds.js';
import { writeDocument } from './entities.js';
import { findMarkedObject } from './marker-lookup.js';
import { failureFrom, faultCode, firstFault, permanent } from './qbo-failure.js';
import { idOf, syncTokenOf } from './written.js';

/** The document a create of this posting wrote (oldest first), found by the hub's marker. Reads only. */
export const findByMarker = (call: QboCall, posting: BooksPosting): Promise<ApiResult<QboObject | undefined>> =>
  findMarkedObject(call.client, searchOf(posting));

const created = async (call: QboCall, posting: BooksPosting, object: QboObject, status?: number): Promise<BooksSuccess<BooksWritten>> => {
  await recordWrite(call, ENTITY[posting.kind], idOf(object), syncTokenOf(object), false, object);
  return { ok: true, value: postedOf(posting, object), ...(status !== undefined ? { status } : {}), response: object };
};

/**
 * 6140: the DocNumber is taken. If this posting's own earlier create took it (its answer lost
 * and the requestid no longer remembered), the create is done; otherwise a person must choose.
 */
const afterDuplicateDocNumber = async (call: QboCall, posting: BooksPosting, error: ApiError): Promise<BooksResult<BooksWritten>> => {
  const existing = await findByMarker(call, posting);
  if (!existing.ok) return failureFrom(existing.error, 'read');
  if (existing.body) return created(call, posting, existing.body);
  const label = LABEL[posting.kind];
  const number = 'number' in posting ? posting.number : '';
  return permanent('6140', `DocNumber "${number}" is already used by another ${label} in QuickBooks (${firstFault(error)?.detail ?? ''}); `
    + `correct the number in Procore or remove the other ${label}`, error.body);
};

/** A create's answer, single or batch item: the written document, the settled 6140, or the failure to classify. */
export const settleCreate = (call: QboCall, posting: BooksPosting, result: ApiResult<QboObject>): Promise<BooksResult<BooksWritten>> | BooksResult<BooksWritten> => {
  if (result.ok) return created(call, posting, result.body, result.status);
  if (faultCode(result.error) === '6140') return afterDuplicateDocNumber(call, posting, result.error);
  return failureFrom(result.error, 'write');
};

/** A create with the request's requestid: a resent create replays instead of writing twice. */
export const createDocument = async (deps: QuickBooksOutboundDeps, booksCall: BooksCall, posting: BooksPosting): Promise<BooksResult<BooksWritten>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const entity = ENTITY[posting.kind];
  const drafted = await bodyOf(call, posting);
  const body = isBooksFailure(drafted) ? drafted : await withClassesPlaced(call, entity, drafted);
  if (isBooksFailure(body)) return body;
  const result = await writeDocument(call.client, entity, body, { requestId: call.idempotencyKey });
  return settleCreate(call, posting, result);
};

/** Found by its marker: the create happened (recorded now, in case the lost answer skipped that). */
export const findCreated = async (deps: QuickBooksOutboundDeps, booksCall: BooksCall, posting: BooksPosting): Promise<BooksResult<BooksWritten | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const found = await findByMarker(call, posting);
  if (!found.ok) return failureFrom(found.error, 'read');
  if (!found.body) return { ok: true, value: null, status: found.status };
  const success = await created(call, posting, found.body);
  return { ok: true, value: success.value, status: found.status };
};
