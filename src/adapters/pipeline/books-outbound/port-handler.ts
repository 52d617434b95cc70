import type { BooksCall, BooksPort, BooksPorts, BooksResult, VendorDocumentPosting } from '../../../domain/books/index.js';
import type {
  BatchContext, CallContext, FinalFailure, LookupResult, OutboundFailure, OutboundHandler, OutboundOutcome, OutboundRequest, OutboundResult,
} from '../outbound/index.js';

/**
 * One request type as a port call: what to ask the connection's books, how to tell whether an
 * earlier attempt did it, and which outcome event the saga hears. Nothing here knows a vendor.
 */
export interface PortOperation<D, T> {
  readonly requestType: string;
  run(port: BooksPort, call: BooksCall, data: D): Promise<BooksResult<T>>;
  find(port: BooksPort, call: BooksCall, data: D): Promise<BooksResult<T | null>>;
  outcome(data: D, value: T): OutboundOutcome;
  /** Creates of bills and vendor credits: the posting, sent several to a call where the books allow it. */
  readonly batchPosting?: (data: D) => VendorDocumentPosting;
  documentStream(request: OutboundRequest<D>): string;
  failureOutcome(request: OutboundRequest<D>, failure: OutboundFailure, final: FinalFailure): OutboundOutcome;
}

export const connectionOf = (request: OutboundRequest): string => request.metadata.connection ?? '';

const noAdapter = (connection: string): OutboundFailure => ({
  ok: false, kind: 'permanent', code: 'NO_BOOKS_ADAPTER', message: `connection "${connection}" keeps its books in a system the hub cannot post to yet`,
});

const callOf = (request: OutboundRequest, context: Pick<CallContext, 'idempotencyKey' | 'signal'>): BooksCall =>
  ({ connection: connectionOf(request), idempotencyKey: context.idempotencyKey, signal: context.signal });

const audit = (result: { status?: number; response?: unknown }) =>
  ({ ...(result.status !== undefined ? { status: result.status } : {}), ...(result.response !== undefined ? { response: result.response } : {}) });

const toResult = <D, T>(op: PortOperation<D, T>, data: D, result: BooksResult<T>): OutboundResult =>
  (result.ok ? { ok: true, outcome: op.outcome(data, result.value), ...audit(result) } : result);

/** Without a batch call in the connection's books, one post after another with each item's own key. */
const postOneByOne = async <D, T>(op: PortOperation<D, T>, ports: BooksPorts, requests: readonly OutboundRequest<D>[], context: BatchContext<D>): Promise<OutboundResult[]> => {
  const results: OutboundResult[] = [];
  for (const [i, request] of requests.entries()) {
    const port = ports.for(connectionOf(request));
    const key = context.items[i]?.idempotencyKey ?? request.id;
    results.push(port ? toResult(op, request.data, await op.run(port, callOf(request, { idempotencyKey: key, signal: context.signal }), request.data)) : noAdapter(connectionOf(request)));
  }
  return results;
};

/**
 * The batch goes to the books of the first request's connection when they take batches (the
 * adapter splits it per connection and size); otherwise one by one.
 */
const executeBatch = async <D, T>(op: PortOperation<D, T>, ports: BooksPorts, requests: readonly OutboundRequest<D>[], context: BatchContext<D>): Promise<OutboundResult[]> => {
  const toPosting = op.batchPosting!;
  const port = requests[0] ? ports.for(connectionOf(requests[0])) : undefined;
  const sameBooks = requests.every((r) => ports.for(connectionOf(r)) === port);
  if (!port?.postBatch || !sameBooks) return postOneByOne(op, ports, requests, context);
  const answers = await port.postBatch({
    idempotencyKey: context.idempotencyKey, signal: context.signal,
    items: requests.map((r) => ({ connection: connectionOf(r), posting: toPosting(r.data) })),
  });
  // The port's values are what a single post answers; T is that value for a batchable operation.
  return requests.map((r, i) => toResult(op, r.data, (answers[i] ?? { ok: false, kind: 'ambiguous', message: 'the batch answer holds no item for this request' }) as BooksResult<T>));
};

/** The outbound handler for one operation, over the port its connection's books system chooses. */
export const portHandler = <D, T>(ports: BooksPorts, op: PortOperation<D, T>): OutboundHandler<D> => ({
  requestType: op.requestType,
  target: (request) => {
    const connection = connectionOf(request);
    return ports.for(connection)?.target(connection) ?? `books:unconfigured-${connection}`;
  },
  documentStream: (request) => op.documentStream(request),
  execute: async (request, context) => {
    const port = ports.for(connectionOf(request));
    if (!port) return noAdapter(connectionOf(request));
    return toResult(op, request.data, await op.run(port, callOf(request, context), request.data));
  },
  findExisting: async (request, context): Promise<LookupResult> => {
    const port = ports.for(connectionOf(request));
    if (!port) return noAdapter(connectionOf(request));
    const found = await op.find(port, callOf(request, context), request.data);
    if (!found.ok) return found;
    return { ok: true, outcome: found.value === null ? null : op.outcome(request.data, found.value), ...audit(found) };
  },
  ...(op.batchPosting ? { batchable: true, executeBatch: (requests, context) => executeBatch(op, ports, requests, context) } : {}),
  failureOutcome: (request, failure, final) => op.failureOutcome(request, failure, final),
});
