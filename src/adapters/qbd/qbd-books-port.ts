import type {
  BooksCall, BooksFailure, BooksPort, BooksPosting, BooksResult, BooksWritten, EstimateAmended, EstimateAmendment, ExistingDocument, JobQuery, PartyResolved, Retirement, VendorQuery,
} from '../../domain/books/index.js';
import type { BooksPaymentSnapshot } from '../../domain/documents/snapshots.js';
import type { BooksChart } from '../../domain/mapping/index.js';
import type { EmployeeLink } from '../../domain/timecards/index.js';
import { paymentSeen } from './inbound/payment-reads.js';
import { readQbdChart } from './qbd-chart.js';
import { findQbdEmployee } from './qbd-employees.js';
import { amendEstimate, findEstimate, findEstimateAmended } from './qbd-estimates.js';
import { retiredOf, retireOperation, postOperation, updateOperation, writtenOf } from './qbd-operations.js';
import { retText } from './qbxml/qbxml-document.js';
import { jobOperation, vendorOperation, type QbdOperation } from './qbxml/requests.js';
import type { QbdQueue } from './queue/qbd-queue.js';
import type { QueueEntry } from './queue/queue-state.js';

export interface QbdBooksPortDeps {
  readonly queue: QbdQueue;
  readonly now: () => string;
  /** How long one call waits for a Web Connector session to answer before giving the lane back. */
  readonly waitMs: number;
  /** The pause the dispatcher takes before asking again (a throttle, which spends no retry budget). */
  readonly recheckMs: number;
}

type Ret = Readonly<Record<string, unknown>>;

/** qbXML status 3100: the name is already in use (by any kind of party). */
const NAME_IN_USE = '3100';
const VENDOR_SUFFIX = ' (vendor)';
/** The second attempt under the other name is a request of its own. */
const suffixed = (call: BooksCall): BooksCall => ({ ...call, idempotencyKey: `${call.idempotencyKey}:other-name` });
/** List names hold 41 characters (qbd §4): the suffix always fits. */
const withSuffix = (name: string, suffix: string): string => `${name.trim().slice(0, Math.max(0, 41 - suffix.length))}${suffix}`;

const party = (ret: Ret, created: boolean): PartyResolved => ({
  ref: { value: retText(ret, 'ListID'), name: retText(ret, 'FullName') || retText(ret, 'Name') }, created,
});

/**
 * The books port over QuickBooks Desktop: each write becomes a qbXML request in the
 * connection's durable queue (keyed by the call's idempotency key, so a repeat queues
 * nothing) and is answered when the Web Connector next runs. Until then a call answers
 * "throttled": the dispatcher waits without spending its retry budget and asks again.
 */
export class QbdBooksPort implements BooksPort {
  readonly system = 'qbd';
  /** TimeTrackingAdd's ItemServiceRef, for an employee. */
  readonly timeEntries = { serviceItem: true, worker: 'an active employee in QuickBooks Desktop' };

  constructor(private readonly deps: QbdBooksPortDeps) {}

  target(connection: string): string {
    return `qbd:${connection}`;
  }

  /**
   * Found by name, else created. Names are shared with customers, employees and other names
   * (qbd §4: 3100), so a name another kind of party holds gets the vendor " (vendor)" after it.
   */
  async resolveVendor(call: BooksCall, query: VendorQuery): Promise<BooksResult<PartyResolved>> {
    const answer = (ret: Ret | null, created: boolean): BooksResult<PartyResolved> =>
      ret ? { ok: true, value: party(ret, created) } : { ok: false, kind: 'permanent', code: 'QBD_VENDOR_NOT_FOUND', message: `no vendor named "${query.displayName}" in QuickBooks Desktop` };
    return this.runWithFallback(call, vendorOperation(query.displayName, query.match === 'lookup-only'),
      () => vendorOperation(withSuffix(query.displayName, VENDOR_SUFFIX)), answer);
  }

  async findVendor(call: BooksCall, _query: VendorQuery) {
    const plain = await this.find(call, (ret, created) => party(ret, created));
    return plain.ok && plain.value === null ? this.find(suffixed(call), (ret, created) => party(ret, created)) : plain;
  }

  /** Under its parent; a name another party holds (3100) gets the parent's name after it, "Job (Owner)". */
  resolveJob(call: BooksCall, query: JobQuery): Promise<BooksResult<PartyResolved>> {
    const parent = query.parentRef.name ?? query.parentRef.value;
    return this.runWithFallback(call, jobOperation(query.parentRef, query.jobName),
      () => jobOperation(query.parentRef, withSuffix(query.jobName, ` (${parent})`)), (ret, created) => ({ ok: true, value: party(ret ?? {}, created) }));
  }

  async findJob(call: BooksCall, _query: JobQuery) {
    const plain = await this.find(call, (ret, created) => party(ret, created));
    return plain.ok && plain.value === null ? this.find(suffixed(call), (ret, created) => party(ret, created)) : plain;
  }

  post(call: BooksCall, posting: BooksPosting): Promise<BooksResult<BooksWritten>> {
    return this.write(call, postOperation(posting), (ret) => ({ ok: true, value: writtenOf(ret ?? {}, posting) }));
  }

  findPosted(call: BooksCall, posting: BooksPosting) {
    return this.find(call, (ret) => writtenOf(ret, posting));
  }

  /** A full update at the version the saga knew; a stale one (3200) is re-read and retried by the queue. */
  update(call: BooksCall, existing: ExistingDocument, posting: BooksPosting): Promise<BooksResult<BooksWritten>> {
    return this.write(call, updateOperation(existing, posting), (ret) => ({ ok: true, value: writtenOf(ret ?? {}, posting) }));
  }

  findUpdated(call: BooksCall, _existing: ExistingDocument, posting: BooksPosting) {
    return this.find(call, (ret) => writtenOf(ret, posting));
  }

  /** Deleted, closed or voided (see retireOperation); already so is success, found by the probe that goes first. */
  retire(call: BooksCall, existing: ExistingDocument, how: Retirement): Promise<BooksResult<BooksWritten>> {
    return this.write(call, retireOperation(existing, how), (ret) => ({ ok: true, value: retiredOf(existing, ret) }));
  }

  findRetired(call: BooksCall, existing: ExistingDocument): Promise<BooksResult<BooksWritten | null>> {
    return this.find(call, (ret) => retiredOf(existing, ret));
  }

  amendEstimate(call: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended>> {
    return amendEstimate((c, o, d) => this.run(c, o, d), this.deps.queue, call, amendment);
  }

  findEstimateAmended(call: BooksCall, amendment: EstimateAmendment): Promise<BooksResult<EstimateAmended | null>> {
    return findEstimateAmended(this.deps.queue, call, amendment);
  }

  /** Accounts, items, classes and customers as the latest Web Connector reads returned them (qbd-chart.ts). */
  readChart(connection: string): Promise<BooksChart> {
    return readQbdChart(this.deps.queue, connection, this.deps.now(), this.deps.waitMs);
  }

  /** A payment as the latest read through the Web Connector returned it (see inbound/payment-reads.ts); null when no read has seen it. */
  async readPayment(connection: string, kind: BooksPaymentSnapshot['kind'], id: string): Promise<BooksResult<BooksPaymentSnapshot | null>> {
    return { ok: true, value: paymentSeen(await this.deps.queue.state(connection), kind, id) };
  }

  findEmployee(connection: string, name: string): Promise<EmployeeLink | null> {
    return findQbdEmployee((c, o, d) => this.run(c, o, d), connection, name, this.deps.now());
  }

  findEstimate(connection: string, numbers: readonly string[]): Promise<{ readonly estimateId: string } | null> {
    return findEstimate((c, o, d) => this.run(c, o, d), connection, numbers, this.deps.now());
  }

  /**
   * Names are shared by customers, jobs, vendors, employees and other names (qbd §4: 3100): when
   * the plain name is taken, the second name is a request of its own, which later calls go straight to.
   */
  private async runWithFallback<T>(call: BooksCall, first: QbdOperation, second: () => QbdOperation, done: (ret: Ret | null, created: boolean) => BooksResult<T>): Promise<BooksResult<T>> {
    if (await this.deps.queue.entry(call.connection, suffixed(call).idempotencyKey)) return this.run(suffixed(call), second(), done);
    const answer = await this.run(call, first, done);
    return answer.ok || answer.code !== NAME_IN_USE ? answer : this.run(suffixed(call), second(), done);
  }

  /** A write the port could build, or the reason it could not (answered without queueing). */
  private write<T>(call: BooksCall, operation: QbdOperation | BooksFailure, done: (ret: Ret | null, created: boolean) => BooksResult<T>): Promise<BooksResult<T>> {
    return 'ok' in operation ? Promise.resolve(operation) : this.run(call, operation, done);
  }

  /** Queue once, wait a while for the answer; no answer yet is a throttle, not a failure. */
  private async run<T>(call: BooksCall, operation: QbdOperation, done: (ret: Ret | null, created: boolean) => BooksResult<T>): Promise<BooksResult<T>> {
    const { queue } = this.deps;
    const before = await queue.entry(call.connection, call.idempotencyKey);
    // Asked again after its refusal was reported: the operator retried, so it goes to QuickBooks again.
    if (before?.refusalReported) await queue.record(call.connection, { type: 'QbdRequestRequeued.v1', data: { requestId: call.idempotencyKey, at: this.deps.now() } });
    await queue.enqueue(call.connection, call.idempotencyKey, operation, this.deps.now());
    const entry = await this.deps.queue.waitForResult(call.connection, call.idempotencyKey, this.deps.waitMs, call.signal);
    const result = entry?.result;
    if (!result) {
      return {
        ok: false, kind: 'throttled', code: 'QBD_QUEUED', retryAfterMs: this.deps.recheckMs,
        message: `${operation.label} waits in the queue for the next QuickBooks Web Connector session`,
      };
    }
    if (result.ok) return done(result.ret, result.created);
    await queue.record(call.connection, { type: 'QbdRefusalReported.v1', data: { requestId: call.idempotencyKey, at: this.deps.now() } });
    return refused(operation, result.statusCode, result.message, entry);
  }

  /** After an ambiguous call: the queue knows whether QuickBooks answered; a pending entry is simply not written yet. */
  private async find<T>(call: BooksCall, value: (ret: Ret, created: boolean) => T): Promise<BooksResult<T | null>> {
    const result = (await this.deps.queue.entry(call.connection, call.idempotencyKey))?.result;
    return { ok: true, value: result?.ok && result.ret ? value(result.ret, result.created) : null };
  }
}

/** QuickBooks refused the content (qbd §6): 3100 name in use, 3140 a reference it does not know, 3210 a business rule, ... */
const refused = (operation: QbdOperation, statusCode: number, message: string, entry: QueueEntry): BooksFailure => ({
  ok: false, kind: 'permanent', code: String(statusCode), message: `QuickBooks Desktop refused ${operation.label}: ${message} (status ${statusCode})`,
  response: { requestId: entry.requestId, statusCode, statusMessage: message },
});
