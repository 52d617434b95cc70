import { resolveJob } from '../mapping/job-ref.js';
import { assertNever } from '../shared/assert-never.js';
import type { BooksRef } from '../shared/books-ref.js';
import { addMoney, ZERO } from '../shared/money.js';
import { nextRequestNo } from '../shared/outbox.js';
import type { ParkReason } from '../shared/outbox.js';
import type { OwnerInvoiceContext } from './owner-invoice.inputs.js';
import type { InvoiceDraft, InvoicePurpose, OwnerInvoiceOutput } from './owner-invoice.outputs.js';
import type { BooksInvoice, TrackingState } from './owner-invoice.state.js';
import { ownerInvoiceLabel } from './owner-invoice.state.js';
import { progressDraft, releaseDraft } from './owner-invoice-drafts.js';
import { validateOwnerInvoice } from './validate-owner-invoice.js';

const PURPOSES: readonly InvoicePurpose[] = ['progress', 'retainage-release'];

const request = (s: TrackingState) => ({ requestNo: nextRequestNo(s.outbox), document: s.doc.ref, version: s.doc.version });

const park = (s: TrackingState, reasons: readonly ParkReason[], problem: string): OwnerInvoiceOutput =>
  ({ type: 'DocumentSyncParked.v1', data: { document: s.doc.ref, version: s.doc.version, reasons, message: `${ownerInvoiceLabel(s.doc)} can't post: ${problem}.` } });

/** The one write that brings one books invoice to `draft` (null: it should not exist), if any is needed. */
const writeFor = (s: TrackingState, purpose: InvoicePurpose, draft: InvoiceDraft | null): OwnerInvoiceOutput | null => {
  const existing: BooksInvoice | null = s.books[purpose];
  const live = existing !== null && !existing.voided;
  if (draft === null) {
    if (!live) return null;
    return { type: 'VoidInvoiceRequested.v1', data: { ...request(s), purpose, invoiceId: existing.invoiceId, lastKnownSyncToken: existing.syncToken, docNumber: existing.docNumber } };
  }
  // A voided QBO invoice can't come back: a new version after a void posts a new invoice.
  if (!live) return { type: 'PostInvoiceRequested.v1', data: { ...request(s), purpose, ...draft } };
  // A remap applied with "update posted" rewrites the progress invoice with the new mapping, the version unchanged.
  if (existing.version === s.doc.version && !(purpose === 'progress' && s.remapDue !== undefined)) return null;
  return { type: 'UpdateInvoiceRequested.v1', data: { ...request(s), purpose, ...draft, invoiceId: existing.invoiceId, lastKnownSyncToken: existing.syncToken } };
};

const firstWrite = (s: TrackingState, drafts: Readonly<Record<InvoicePurpose, InvoiceDraft | null>>): OwnerInvoiceOutput | null =>
  PURPOSES.map((p) => writeFor(s, p, drafts[p])).find((w) => w !== null) ?? null;

/** No billing items configured, or no Customer:Job for the project: named, and parked until the mapping (or config) changes. */
const setupMissing = (s: TrackingState, billingMissing: boolean, jobMissing: boolean): OwnerInvoiceOutput[] => {
  const projectId = s.doc.snapshot.projectId;
  const missing = [
    ...(billingMissing ? ['the mapping sets no owner-billing items (settings.ownerBilling: progressItem, retainageItem)'] : []),
    ...(jobMissing ? [`no Customer:Job for project ${projectId}`] : []),
  ].join('; ');
  const data = { document: s.doc.ref, version: s.doc.version, costCodes: [], jobMissingFor: jobMissing ? projectId : null, message: `${ownerInvoiceLabel(s.doc)} can't post: ${missing}.` };
  return [{ type: 'DocumentMappingMissing.v1', data }, park(s, ['mapping-missing'], missing)];
};

const approvedStep = (s: TrackingState, ctx: OwnerInvoiceContext): OwnerInvoiceOutput[] => {
  if (s.syncedVersion === s.doc.version && s.remapDue === undefined) return [];
  const projectId = s.doc.snapshot.projectId;
  const job = resolveJob(ctx.mapping, projectId, s.jobRef ?? ctx.jobLink);
  if (ctx.billing === null || job.kind === 'missing') return setupMissing(s, ctx.billing === null, job.kind === 'missing');
  const problems = validateOwnerInvoice(s.doc.snapshot);
  if (problems.length > 0) return [park(s, ['validation-failed'], problems.join('; '))];
  if (job.kind === 'lookup') {
    return [{ type: 'BooksJobResolutionRequested.v1', data: { ...request(s), projectId, parentCustomerRef: job.parentCustomerRef, jobName: job.jobName } }];
  }
  return writeOrSynced(s, ctx, job.customerRef);
};

const writeOrSynced = (s: TrackingState, ctx: OwnerInvoiceContext, customerRef: BooksRef): OwnerInvoiceOutput[] => {
  const billing = ctx.billing!;
  const drafts = { progress: progressDraft(s, ctx.mapping, billing, customerRef), 'retainage-release': releaseDraft(s, billing, customerRef) };
  const write = firstWrite(s, drafts);
  if (write !== null) return [write];
  // Rewritten for a remap: the books hold the same version and amounts, already said.
  if (s.syncedVersion === s.doc.version) return [];
  const idOf = (p: InvoicePurpose) => (drafts[p] === null ? null : s.books[p]?.invoiceId ?? null);
  const total = addMoney(drafts.progress?.total ?? ZERO, drafts['retainage-release']?.total ?? ZERO);
  return [{ type: 'OwnerInvoiceSynced.v1', data: { document: s.doc.ref, version: s.doc.version, progressInvoiceId: idOf('progress'), releaseInvoiceId: idOf('retainage-release'), total } }];
};

/** A voided owner invoice voids what it wrote, then says so once. */
const voidStep = (s: TrackingState): OwnerInvoiceOutput[] => {
  const write = PURPOSES.map((p) => writeFor(s, p, null)).find((w) => w !== null);
  if (write) return [write];
  if (s.voidSynced) return [];
  const voidedInvoiceIds = PURPOSES.flatMap((p) => (s.books[p]?.voided ? [s.books[p].invoiceId] : []));
  return [{ type: 'OwnerInvoiceVoidSynced.v1', data: { document: s.doc.ref, version: s.doc.version, voidedInvoiceIds } }];
};

/** The next request, a park, or the fact that the books are in step; nothing while a request is out or parked. */
export const nextOwnerInvoiceStep = (s: TrackingState, ctx: OwnerInvoiceContext): OwnerInvoiceOutput[] => {
  if (s.outbox.status !== 'ready') return [];
  switch (s.doc.phase) {
    // Sent back after approval: the books keep the last approved version until it is approved again or voided.
    case 'open': case 'submitted': return [];
    case 'approved': return approvedStep(s, ctx);
    case 'voided': return voidStep(s);
    default: return assertNever(s.doc.phase);
  }
};
