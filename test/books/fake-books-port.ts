import type {
  BooksBatch, BooksCall, BooksPort, BooksPosting, BooksResult, BooksSystem, BooksWritten, EstimateAmended, EstimateAmendment, ExistingDocument,
  JobQuery, PartyResolved, Retirement, VendorQuery,
} from '../../src/domain/books/index.js';

/** One call the generic layer made, as the port received it. */
export interface PortCall {
  readonly method: string;
  readonly call?: BooksCall;
  readonly args: readonly unknown[];
}

/**
 * A books port that writes nothing anywhere: it records what it was asked and answers from
 * what the test set. Allowed as a fake because it stands for a port, not for PostgreSQL.
 */
export class FakeBooksPort implements BooksPort {
  readonly calls: PortCall[] = [];
  /** What the next write answers; a failure to see the generic layer pass it on. */
  next: BooksResult<BooksWritten> = { ok: true, value: { id: '900', version: '0' }, status: 200, response: { echoed: true } };
  /** What a find answers. */
  found: BooksResult<BooksWritten | null> = { ok: true, value: null };
  postBatch?: (batch: BooksBatch) => Promise<ReadonlyArray<BooksResult<BooksWritten>>>;

  constructor(readonly system: BooksSystem, private readonly company: string, options: { batches?: boolean } = {}) {
    if (options.batches) {
      this.postBatch = async (batch) => {
        this.calls.push({ method: 'postBatch', args: [batch] });
        return batch.items.map((_, i) => ({ ok: true, value: { id: `b${i}`, version: '0' } }));
      };
    }
  }

  private record<T>(method: string, call: BooksCall | undefined, args: unknown[], answer: T): Promise<T> {
    this.calls.push({ method, ...(call ? { call } : {}), args });
    return Promise.resolve(answer);
  }

  target(): string {
    return `${this.system}:${this.company}`;
  }

  resolveVendor(call: BooksCall, query: VendorQuery): Promise<BooksResult<PartyResolved>> {
    return this.record('resolveVendor', call, [query], { ok: true, value: { ref: { value: '46', name: query.displayName }, created: true } });
  }

  findVendor(call: BooksCall, query: VendorQuery): Promise<BooksResult<PartyResolved | null>> {
    return this.record('findVendor', call, [query], { ok: true, value: null });
  }

  resolveJob(call: BooksCall, query: JobQuery): Promise<BooksResult<PartyResolved>> {
    return this.record('resolveJob', call, [query], { ok: true, value: { ref: { value: '59', name: `${query.parentRef.name}:${query.jobName}` }, created: false } });
  }

  findJob(call: BooksCall, query: JobQuery): Promise<BooksResult<PartyResolved | null>> {
    return this.record('findJob', call, [query], { ok: true, value: null });
  }

  post(call: BooksCall, posting: BooksPosting) {
    return this.record('post', call, [posting], this.next);
  }

  findPosted(call: BooksCall, posting: BooksPosting) {
    return this.record('findPosted', call, [posting], this.found);
  }

  update(call: BooksCall, existing: ExistingDocument, posting: BooksPosting) {
    return this.record('update', call, [existing, posting], this.next);
  }

  findUpdated(call: BooksCall, existing: ExistingDocument, posting: BooksPosting) {
    return this.record('findUpdated', call, [existing, posting], this.found);
  }

  retire(call: BooksCall, existing: ExistingDocument, how: Retirement) {
    return this.record('retire', call, [existing, how], this.next);
  }

  findRetired(call: BooksCall, existing: ExistingDocument, how: Retirement) {
    return this.record('findRetired', call, [existing, how], this.found);
  }

  amendEstimate(call: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended>> {
    return this.record('amendEstimate', call, [amendment], { ok: true, value: { id: amendment.estimateId, version: '7', lineIds: ['31', '32'] } });
  }

  findEstimateAmended(call: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended | null>> {
    return this.record('findEstimateAmended', call, [amendment], { ok: true, value: null });
  }

  readChart(): Promise<never> {
    return Promise.reject(new Error('not asked in these tests'));
  }

  readPayment(): Promise<never> {
    return Promise.reject(new Error('not asked in these tests'));
  }

  findEmployee(connection: string, name: string) {
    return this.record('findEmployee', undefined, [connection, name], null);
  }

  findEstimate(connection: string, numbers: readonly string[]) {
    return this.record('findEstimate', undefined, [connection, numbers], null);
  }
}
