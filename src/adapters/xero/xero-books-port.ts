import type {
  BooksBatch, BooksCall, BooksPort, BooksPosting, BooksResult, BooksWritten, EstimateAmended, EstimateAmendment, ExistingDocument, JobQuery, Retirement, VendorQuery,
} from '../../domain/books/index.js';
import type { BooksPaymentSnapshot } from '../../domain/documents/snapshots.js';
import type { BooksChart, ChartEntry } from '../../domain/mapping/index.js';
import type { EmployeeLink } from '../../domain/timecards/index.js';
import { ChartUnavailableError } from '../mapping/chart-of-accounts.js';
import { normaliseXeroPayment } from './inbound/normalise-xero.js';
import { findVendor, resolveVendor } from './outbound/contacts.js';
import { noXero, targetFor, type XeroOutboundDeps } from './outbound/deps.js';
import { createDocument, findCreated, findRetired, findUpdated, retireDocument, updateDocument } from './outbound/documents.js';
import { findJob, resolveJob } from './outbound/jobs.js';
import { postBatch } from './outbound/post-batch.js';
import { amendQuote, findQuote, findQuoteAmended } from './outbound/quotes.js';
import { failureFrom } from './outbound/xero-failure.js';
import type { XeroClient, XeroObject } from './xero-client.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The books port over Xero's Accounting API: bills (Invoices ACCPAY), vendor credits
 * (CreditNotes ACCPAYCREDIT), purchase orders and sales invoices (ACCREC), each write with an
 * Idempotency-Key and summarizeErrors=false, found again by the hub marker (Url or
 * Reference); vendors as contacts by ContactNumber or name, jobs as options of the Job
 * tracking category, estimates as Quotes. Time goes to Xero Projects (not yet: time
 * entries park saying so).
 */
export class XeroBooksPort implements BooksPort {
  readonly system = 'xero';

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

  /** Accounts by code, tracking options as `Category/Option` classes, contacts as customers. Throws when unreadable. */
  async readChart(connection: string): Promise<BooksChart> {
    const client = this.client(connection);
    if (!client) throw new ChartUnavailableError(connection, 'its books are not Xero');
    const read = async (collection: 'Accounts' | 'TrackingCategories' | 'Contacts', query: Record<string, string> = {}): Promise<XeroObject[]> => {
      const result = await client.list(collection, query);
      if (!result.ok) throw new ChartUnavailableError(connection, `${collection} read failed: ${result.error.message}`);
      return result.body;
    };
    const [accounts, tracking, contacts] = await Promise.all([read('Accounts'), read('TrackingCategories'), read('Contacts', { includeArchived: 'true' })]);
    const classes: ChartEntry[] = tracking.flatMap((c) => (Array.isArray(c.Options) ? c.Options as XeroObject[] : [])
      .map((o) => ({ id: text(o.TrackingOptionID), name: `${text(c.Name)}/${text(o.Name)}`, active: o.Status !== 'ARCHIVED' && c.Status !== 'ARCHIVED' })));
    return {
      accounts: accounts.map((a) => ({ id: text(a.Code), name: text(a.Name), active: a.Status === 'ACTIVE' })),
      items: [],
      classes,
      customers: contacts.map((c) => ({ id: text(c.ContactID), name: text(c.Name), active: c.ContactStatus === 'ACTIVE' })),
    };
  }

  async readPayment(connection: string, _kind: BooksPaymentSnapshot['kind'], id: string): Promise<BooksResult<BooksPaymentSnapshot | null>> {
    const client = this.client(connection);
    if (!client) return noXero(connection);
    const read = await client.read('Payments', id);
    if (!read.ok) return read.error.kind === 'not_found' ? { ok: true, value: null } : failureFrom(read.error, 'read');
    return { ok: true, value: normaliseXeroPayment(read.body, new Date().toISOString()).snapshot, status: read.status };
  }

  /** Xero keeps no employees in the Accounting API (Projects users come with time entries). */
  async findEmployee(): Promise<EmployeeLink | null> {
    return null;
  }

  /** The contract's quote by its number (a person made it in Xero); null when none (the saga then skips the quote). */
  async findEstimate(connection: string, numbers: readonly string[]): Promise<{ readonly estimateId: string } | null> {
    const client = this.client(connection);
    return client ? findQuote(client, numbers) : null;
  }
}
