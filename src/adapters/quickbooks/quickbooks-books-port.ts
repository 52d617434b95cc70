import type {
  BooksBatch, BooksCall, BooksPort, BooksPosting, BooksResult, EstimateAmendment, ExistingDocument, JobQuery, Retirement, VendorDocumentHeld, VendorDocumentQuery, VendorQuery,
} from '../../domain/books/index.js';
import type { BooksPaymentSnapshot } from '../../domain/documents/snapshots.js';
import type { BooksChart } from '../../domain/mapping/index.js';
import type { EmployeeLink } from '../../domain/timecards/index.js';
import { readQboPayment } from './inbound/read-payment.js';
import { QuickBooksChartSource } from './quickbooks-chart-source.js';
import { findEmployee, findEstimate } from './lookups/employees.js';
import { findVendorDocuments } from './lookups/vendor-documents.js';
import { createDocument, findCreated } from './outbound/create.js';
import type { QuickBooksOutboundDeps } from './outbound/deps.js';
import { targetFor } from './outbound/deps.js';
import { amendEstimate, findEstimateAmended } from './outbound/estimates.js';
import { postBatch } from './outbound/post-batch.js';
import { failureFrom } from './outbound/qbo-failure.js';
import { findReplaced, replaceDocument } from './outbound/replace.js';
import { findJob, findVendor, resolveJob, resolveVendor } from './outbound/resolve.js';
import { findRetired, retireDocument } from './outbound/retire.js';
import type { QuickBooksClient } from './quickbooks-client.js';

/**
 * The books port over QuickBooks Online: bills, vendor credits, purchase orders, invoices,
 * estimates and time activities through the v3 API (every write with a `requestid`, found
 * again by the hub marker in PrivateNote, or a TimeActivity's Description), vendors and
 * Customer:Jobs by DisplayName, the chart by query, payments by read.
 */
export class QuickBooksBooksPort implements BooksPort {
  readonly system = 'quickbooks';
  /** A TimeActivity is on a service item, for an Employee. */
  readonly timeEntries = { serviceItem: true, worker: 'an active Employee in QuickBooks' };
  private readonly chart: QuickBooksChartSource;

  constructor(private readonly deps: QuickBooksOutboundDeps) {
    this.chart = new QuickBooksChartSource((connection) => this.client(connection));
  }

  /** QuickBooksClients throws for a connection it does not know: no client, like a connection whose books are elsewhere. */
  private client(connection: string): QuickBooksClient | undefined {
    try {
      return this.deps.clients.quickBooks(connection);
    } catch {
      return undefined;
    }
  }

  target(connection: string): string {
    return targetFor(this.deps, connection);
  }

  resolveVendor(call: BooksCall, query: VendorQuery) {
    return resolveVendor(this.deps, call, query);
  }

  findVendor(call: BooksCall, query: VendorQuery) {
    return findVendor(this.deps, call, query);
  }

  resolveJob(call: BooksCall, query: JobQuery) {
    return resolveJob(this.deps, call, query);
  }

  findJob(call: BooksCall, query: JobQuery) {
    return findJob(this.deps, call, query);
  }

  post(call: BooksCall, posting: BooksPosting) {
    return createDocument(this.deps, call, posting);
  }

  findPosted(call: BooksCall, posting: BooksPosting) {
    return findCreated(this.deps, call, posting);
  }

  postBatch(batch: BooksBatch) {
    return postBatch(this.deps, batch);
  }

  update(call: BooksCall, existing: ExistingDocument, posting: BooksPosting) {
    return replaceDocument(this.deps, call, existing, posting);
  }

  findUpdated(call: BooksCall, existing: ExistingDocument, posting: BooksPosting) {
    return findReplaced(this.deps, call, existing, posting);
  }

  retire(call: BooksCall, existing: ExistingDocument, how: Retirement) {
    return retireDocument(this.deps, call, existing, how);
  }

  findRetired(call: BooksCall, existing: ExistingDocument, how: Retirement) {
    return findRetired(this.deps, call, existing, how);
  }

  amendEstimate(call: BooksCall, amendment: EstimateAmendment) {
    return amendEstimate(this.deps, call, amendment);
  }

  findEstimateAmended(call: BooksCall, amendment: EstimateAmendment) {
    return findEstimateAmended(this.deps, call, amendment);
  }

  readChart(connection: string): Promise<BooksChart> {
    return this.chart.load(connection);
  }

  async readPayment(connection: string, kind: BooksPaymentSnapshot['kind'], id: string): Promise<BooksResult<BooksPaymentSnapshot | null>> {
    const client = this.client(connection);
    if (!client) return { ok: false, kind: 'permanent', code: 'NO_QUICKBOOKS_CONNECTION', message: `connection "${connection}" has no QuickBooks books configured` };
    const read = await readQboPayment(client, kind, id, new Date().toISOString());
    if (!read.ok) return read.error.kind === 'not_found' ? { ok: true, value: null } : failureFrom(read.error, 'read');
    return { ok: true, value: read.body.normalised.snapshot, status: read.status };
  }

  async findEmployee(connection: string, name: string): Promise<EmployeeLink | null> {
    const client = this.client(connection);
    return client ? findEmployee(client, name) : null;
  }

  async findEstimate(connection: string, numbers: readonly string[]): Promise<{ readonly estimateId: string } | null> {
    const client = this.client(connection);
    return client ? findEstimate(client, numbers) : null;
  }

  async findVendorDocuments(connection: string, query: VendorDocumentQuery): Promise<readonly VendorDocumentHeld[]> {
    const client = this.client(connection);
    return client ? findVendorDocuments(client, query) : [];
  }
}
