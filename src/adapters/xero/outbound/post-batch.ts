import { batchChunks, isBooksFailure, type BatchSlot, type BooksBatch, type BooksResult, type BooksWritten } from '../../../domain/books/index.js';
import { callFor, isFailure, type XeroOutboundDeps } from './deps.js';
import { bodyOf, settleEcho } from './documents.js';
import { KINDS } from './document-kinds.js';
import { abandoned, failureFrom } from './xero-failure.js';
import { derivedKey, writeObjects } from './xero-writes.js';
import type { XeroObject } from '../xero-client.js';

type Result = BooksResult<BooksWritten>;

/** Xero's recommended most per request (facts §1). */
export const XERO_BATCH_MAX = 50;

/**
 * Several bills (or credit notes) in one PUT with summarizeErrors=false: each object answers
 * for itself, so a ValidationError parks exactly the document that caused it and the others
 * post. A body that can't be built (unknown tracking) fails its own item before the call.
 */
const runChunk = async (deps: XeroOutboundDeps, chunk: BatchSlot[], key: string, signal: AbortSignal): Promise<Result[]> => {
  const call = callFor(deps, { connection: chunk[0]!.connection, idempotencyKey: key, signal });
  if (isFailure(call)) return chunk.map(() => call);
  const kind = KINDS[chunk[0]!.posting.kind];
  const out: Result[] = [];
  const sent: Array<{ position: number; body: XeroObject }> = [];
  for (const [position, slot] of chunk.entries()) {
    const body = await bodyOf(call, slot.posting);
    if (isBooksFailure(body)) out[position] = body;
    else sent.push({ position, body });
  }
  if (sent.length === 0) return out;
  if (signal.aborted) return chunk.map((_, i) => out[i] ?? abandoned());
  const written = await writeObjects(call, 'PUT', kind.collection, sent.map((s) => s.body), key);
  if (!written.ok) {
    const failure = failureFrom(written.error, 'write');
    for (const { position } of sent) out[position] = failure;
    return out;
  }
  for (const [n, { position }] of sent.entries()) out[position] = await settleEcho(call, kind, chunk[position]!.posting, written.body[n]!, written.status);
  return out;
};

export const postBatch = async (deps: XeroOutboundDeps, batch: BooksBatch): Promise<Result[]> => {
  const results: Result[] = [];
  const max = Math.min(deps.batchMaxItems ?? XERO_BATCH_MAX, XERO_BATCH_MAX);
  for (const [n, chunk] of batchChunks(batch.items, max).entries()) {
    const key = n === 0 ? batch.idempotencyKey : derivedKey(batch.idempotencyKey, 'chunk', String(n));
    const answers = await runChunk(deps, chunk, key, batch.signal);
    chunk.forEach((slot, i) => {
      results[slot.index] = answers[i]!;
    });
  }
  return results;
};
