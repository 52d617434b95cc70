import type { BooksCall, BooksPosting, BooksResult, BooksWritten, ExistingDocument } from '../../../domain/books/index.js';
import { isBooksFailure } from '../../../domain/books/index.js';
import { isMarkedBy } from './books-body.js';
import { withClassesPlaced } from './class-placement.js';
import { callFor, isFailure, recordWrite, type QuickBooksOutboundDeps } from './deps.js';
import { bodyOf, ENTITY, markerFieldOf, postedOf } from './document-kinds.js';
import { writeDocument } from './entities.js';
import { withCurrentSyncToken } from './qbo-calls.js';
import { failureFrom } from './qbo-failure.js';
import { syncTokenOf } from './written.js';

/**
 * A full update (facts §7): every writable field, the lines replacing the old ones (a line
 * sent with its Id keeps it), from the SyncToken the saga last knew, re-reading on 5010 (a
 * payment or a hand edit bumped it since).
 */
export const replaceDocument = async (
  deps: QuickBooksOutboundDeps, booksCall: BooksCall, existing: ExistingDocument, posting: BooksPosting,
): Promise<BooksResult<BooksWritten>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const entity = ENTITY[existing.kind];
  const drafted = await bodyOf(call, posting);
  const body = isBooksFailure(drafted) ? drafted : await withClassesPlaced(call, entity, drafted);
  if (isBooksFailure(body)) return body;
  const result = await withCurrentSyncToken(call, entity, existing.id, existing.version,
    (syncToken, requestId) => writeDocument(call.client, entity, { ...body, Id: existing.id, SyncToken: syncToken }, { requestId }));
  if (!result.ok) return failureFrom(result.error, 'write');
  await recordWrite(call, entity, existing.id, syncTokenOf(result.body), false, result.body);
  return { ok: true, value: postedOf(posting, result.body), status: result.status, response: result.body };
};

/** The update happened when the document carries this version's marker (the posting's note replaced the old one). */
export const findReplaced = async (
  deps: QuickBooksOutboundDeps, booksCall: BooksCall, existing: ExistingDocument, posting: BooksPosting,
): Promise<BooksResult<BooksWritten | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const entity = ENTITY[existing.kind];
  const current = await call.client.read(entity, existing.id);
  if (!current.ok) return current.error.kind === 'not_found' ? { ok: true, value: null } : failureFrom(current.error, 'read');
  if (!isMarkedBy(current.body[markerFieldOf(existing.kind)], posting.note.marker)) return { ok: true, value: null, status: current.status };
  await recordWrite(call, entity, existing.id, syncTokenOf(current.body), false, current.body);
  return { ok: true, value: postedOf(posting, current.body), status: current.status };
};
