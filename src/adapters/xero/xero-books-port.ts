import type {
  BooksBatch, BooksCall, BooksPort, BooksPosting, BooksResult, BooksWritten, EstimateAmended, EstimateAmendment, ExistingDocument, JobQuery, Retirement, VendorDocumentHeld, VendorDocumentQuery, VendorQuery,
} from '../../domain/books/index.js';
import type { BooksPaymentSnapshot } from '../../domain/documents/snapshots.js';
import type { BooksChart } from '../../domain/mapping/index.js';
import type { EmployeeLink } from '../../domain/timecards/index.js';
import { ChartUnavailableError } from '../mapping/chart-of-accounts.js';
import { findVendor, resolveVendor } from './outbound/contacts.js';
import { noXero, targetFor, type XeroOutboundDeps } from './outbound/deps.js';
import { createDocument, findCreated, findRetired, findUpdated, retireDocument, updateDocument } from './outbound/documents.js';
import { findJob, resolveJob } from './outbound/jobs.js';
import { postBatch } from './outbound/post-batch.js';
import { amendQuote, findQuote, findQuoteAmended } from './outbound/quotes.js';
import { findPostedTimeEntry, postTimeEntry } from './outbound/time-entries.js';
import { findXeroVendorDocuments } from './outbound/vendor-documents.js';
import { failureFrom } from './outbound/xero-failure.js';
import { findXeroEmployee } from './projects/projects-lookups.js';
import { XeroProjectsClient } from './projects/xero-projects-client.js';
import type { XeroClient } from './xero-client.js';
import { readXeroChart } from './xero-chart.js';
import { readXeroPayment } from './xero-payment-read.js';

/**
 * The books port over Xero's Accounting API: bills (Invoices ACCPAY), vendor credits
 * (CreditNotes ACCPAYCREDIT), purchase orders and sales invoices (ACCREC), each write with an
 * Idempotency-Key and summarizeErrors=false, found again by the hub marker (Url or
 * Reference); vendors as contacts by ContactNumber or name, jobs as options of the Job
 * tracking category, estimates as Quotes. Time entries go to Xero Projects: the project
 * named after the job, the cost code's task, the worker's project user (outbound/time-entries.ts).
 */
export class XeroBooksPort implements BooksPort {
  readonly system = 'xero';
  /** Xero Projects files hours on a task per cost code (created when missing), logged as a user of the organisation. */
  readonly timeEntries = { serviceItem: false, worker: 'a user of the Xero organisation with access to Projects' };

  constructor(private readonly deps: XeroOutboundDeps) {}

  private client(connection: string): XeroClient | undefined {
    try {
      return this.deps.clients.xero(connection);
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

  /** Time entries go to Xero Projects; every other document to the Accounting API. */
  post(call: BooksCall, posting: BooksPosting): Promise<BooksResult<BooksWritten>> {
    return posting.kind === 'time-entry' ? postTimeEntry(this.deps, call, posting) : createDocument(this.deps, call, posting);
  }

  findPosted(call: BooksCall, posting: BooksPosting): Promise<BooksResult<BooksWritten | null>> {
    return posting.kind === 'time-entry' ? findPostedTimeEntry(this.deps, call, posting) : findCreated(this.deps, call, posting);
  }

  postBatch(batch: BooksBatch) {
    return postBatch(this.deps, batch);
  }

  update(call: BooksCall, existing: ExistingDocument, posting: BooksPosting) {
    return updateDocument(this.deps, call, existing, posting);
  }

  findUpdated(call: BooksCall, existing: ExistingDocument, posting: BooksPosting) {
    return findUpdated(this.deps, call, existing, posting);
  }

  retire(call: BooksCall, existing: ExistingDocument, how: Retirement) {
    return retireDocument(this.deps, call, existing, how);
  }

  findRetired(call: BooksCall, existing: ExistingDocument, _how: Retirement): Promise<BooksResult<BooksWritten | null>> {
    return findRetired(this.deps, call, existing);
  }

  amendEstimate(call: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended>> {
    return amendQuote(this.deps, call, amendment);
  }

  findEstimateAmended(call: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended | null>> {
    return findQuoteAmended(this.deps, call, amendment);
  }

  /** The chart `mapping check` reads (readXeroChart: accounts, archived tracking, tax rates, contacts). Throws when unreadable. */
  async readChart(connection: string): Promise<BooksChart> {
    const client = this.client(connection);
    if (!client) throw new ChartUnavailableError(connection, 'its books are not Xero');
    const read = await readXeroChart(client);
    if (!read.ok) throw new ChartUnavailableError(connection, `the Xero settings could not be read: ${read.error.message}`);
    return read.body;
  }

  async readPayment(connection: string, kind: BooksPaymentSnapshot['kind'], id: string): Promise<BooksResult<BooksPaymentSnapshot | null>> {
    const client = this.client(connection);
    if (!client) return noXero(connection);
    const read = await readXeroPayment(client, kind, id, new Date().toISOString());
    return read.ok ? { ok: true, value: read.body, status: read.status } : failureFrom(read.error, 'read');
  }

  /** The worker as a Xero Projects user (who time entries are logged as); null when none, or when Projects refuses. */
  async findEmployee(connection: string, name: string): Promise<EmployeeLink | null> {
    const client = this.client(connection);
    return client ? findXeroEmployee(XeroProjectsClient.beside(client), name) : null;
  }

  /** The contract's quote by its number (a person made it in Xero); null when none (the saga then skips the quote). */
  async findEstimate(connection: string, numbers: readonly string[]): Promise<{ readonly estimateId: string } | null> {
    const client = this.client(connection);
    return client ? findQuote(client, numbers) : null;
  }

  /** The vendor's bills under a number (a Buildertrend bill its native Xero sync may have written). */
  async findVendorDocuments(connection: string, query: VendorDocumentQuery): Promise<readonly VendorDocumentHeld[]> {
    const client = this.client(connection);
    return client ? findXeroVendorDocuments(client, query) : [];
  }
}
