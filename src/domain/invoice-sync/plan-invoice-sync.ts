import type { JobLink } from '../mapping/mapping.types.js';
import type { BooksRef } from '../shared/books-ref.js';
import { parkOutputs } from './plan-park.js';
import { planBooksMatch } from './books-match.js';
import type { InvoiceReady } from './check-invoice.js';
import { checkInvoice } from './check-invoice.js';
import { draftBooksDocument } from './draft-books-document.js';
import type { InvoiceSyncContext } from './invoice-sync.inputs.js';
import type { BooksDraft, BooksEntity, InvoiceSyncOutput, InvoiceSyncRequest } from './invoice-sync.outputs.js';
import type { BooksObject, InvoiceSyncState, SyncMemory } from './invoice-sync.state.js';
import { factOf, memoryOf } from './invoice-sync.state.js';
import { linkedTxnFor, type PurchaseOrderLinks } from '../commitments/purchase-order-links.js';
import { nextRequestNo } from '../shared/outbox.js';
import type { DocumentSyncResumed, ResumeCause } from '../posting/sync-facts.js';

/** A saga state that may plan: working on the invoice with nothing out (ready, or parked). */
export type Plannable = SyncMemory & { readonly status: 'Open'; readonly outbox: { readonly status: 'ready' | 'parked' } };

/** A step either moves the invoice on, or (re)parks it; parking again for the same reasons says nothing. */
export type Step = { readonly kind: 'proceed' | 'park'; readonly outputs: InvoiceSyncOutput[] };
const proceed = (outputs: InvoiceSyncOutput[]): Step => ({ kind: 'proceed', outputs });

const requestOf = (s: SyncMemory) => ({ requestNo: nextRequestNo(s.outbox), ...factOf(s) });

const resumed = (s: SyncMemory, cause: ResumeCause): DocumentSyncResumed =>
  ({ type: 'DocumentSyncResumed.v1', data: { document: s.doc.ref, version: s.doc.version, cause } });

/** QBO display names may not contain ":" (the Customer:Job separator) and hold 500 characters. */
const vendorDisplayName = (name: string): string => name.trim().replaceAll(':', '-').slice(0, 500);

/** A new bill's cost lines each link to the commitment's PO line on their cost code and type, where it has one. */
const linkToPurchaseOrder = (draft: BooksDraft, links: PurchaseOrderLinks | null): BooksDraft => {
  if (links === null) return draft;
  const lines = draft.lines.map((line) => {
    const linkedTxn = line.role === 'cost' && line.source ? linkedTxnFor(links, line.source.costCode, line.source.costType) : null;
    return linkedTxn ? { ...line, linkedTxn } : line;
  });
  return { ...draft, lines };
};

const write = (s: SyncMemory, entity: BooksEntity, draft: BooksDraft, books: BooksObject | null): InvoiceSyncRequest => {
  const base = { ...requestOf(s), ...draft };
  if (books === null) return entity === 'Bill' ? { type: 'PostBillRequested.v1', data: base } : { type: 'PostVendorCreditRequested.v1', data: base };
  const existing = { lastKnownSyncToken: books.syncToken };
  return books.entity === 'Bill'
    ? { type: 'UpdateBillRequested.v1', data: { ...base, ...existing, billId: books.id } }
    : { type: 'UpdateVendorCreditRequested.v1', data: { ...base, ...existing, vendorCreditId: books.id } };
};

type JobTarget =
  | { readonly kind: 'known'; readonly ref: BooksRef }
  | { readonly kind: 'resolve'; readonly lookup: Extract<JobLink, { kind: 'lookup' }> };

/** The mapping's customer, or the job found earlier by name, or a lookup still to do. */
const jobTarget = (job: JobLink, found: BooksRef | null): JobTarget => {
  if (job.kind === 'customer') return { kind: 'known', ref: job.customerRef };
  return found === null ? { kind: 'resolve', lookup: job } : { kind: 'known', ref: found };
};

/** The next request: find the vendor, then the job, then write the bill or credit. */
const nextRequest = (s: SyncMemory, ctx: InvoiceSyncContext, ready: InvoiceReady): InvoiceSyncRequest => {
  const invoice = s.doc.snapshot;
  const vendorRef: BooksRef | null = ctx.vendorLink ?? s.vendorRef;
  if (vendorRef === null) {
    const data = { ...requestOf(s), vendorId: invoice.vendorId, displayName: vendorDisplayName(invoice.vendorName), match: ready.settings.vendorMatch };
    return { type: 'ResolveVendorRequested.v1', data };
  }
  const job = jobTarget(ready.job, ctx.jobLink ?? s.jobRef);
  if (job.kind === 'resolve') {
    const data = { ...requestOf(s), projectId: invoice.projectId, parentCustomerRef: job.lookup.parentCustomerRef, jobName: job.lookup.jobName };
    return { type: 'ResolveJobRequested.v1', data };
  }
  const { entity, draft } = draftBooksDocument({ doc: s.doc, mapped: ready.mapped, settings: ready.settings, vendorRef, customerRef: job.ref });
  const linked = entity === 'Bill' && s.books === null ? linkToPurchaseOrder(draft, ctx.purchaseOrder ?? null) : draft;
  return write(s, entity, linked, s.books);
};

const planSync = (s: Plannable, ctx: InvoiceSyncContext): Step => {
  if (s.books !== null && s.books.version === s.doc.version) {
    const { entity, id: booksId, docNumber, syncToken } = s.books;
    return proceed([{ type: 'InvoiceSynced.v1', data: { ...factOf(s), entity, booksId, docNumber, syncToken } }]);
  }
  // A Buildertrend bill the books may hold already (or must, when Buildertrend syncs them): linked, not written.
  if (ctx.booksMatch && (s.books === null || s.books.matched === true)) {
    const matched = planBooksMatch(s, ctx.booksMatch);
    if (matched) return { kind: matched.some((o) => o.type === 'InvoiceSynced.v1') ? 'proceed' : 'park', outputs: matched };
  }
  const checked = checkInvoice(s, ctx);
  if (!checked.ok) return { kind: 'park', outputs: parkOutputs(s, checked, ctx.mapping !== null) };
  const validated: InvoiceSyncOutput[] = s.validatedVersion === s.doc.version ? [] : [{
    type: 'InvoiceValidated.v1',
    data: { ...factOf(s), grossAmount: s.doc.snapshot.grossAmount, retainageAmount: s.doc.snapshot.retainageAmount, netAmount: s.doc.snapshot.netAmount },
  }];
  return proceed([...validated, nextRequest(s, ctx, checked.ready)]);
};

/** Voided: delete what was written; when nothing is (left) in the books, the void is synced. */
const planVoid = (s: SyncMemory): Step => {
  const books = s.books;
  // A matched bill is Buildertrend's (or a person's) in the books: the hub only lets go of it.
  if (books === null || books.matched === true) return proceed([{ type: 'InvoiceVoidSynced.v1', data: { ...factOf(s), removed: s.removed } }]);
  const data = { ...requestOf(s), lastKnownSyncToken: books.syncToken, docNumber: books.docNumber };
  return proceed([books.entity === 'Bill'
    ? { type: 'DeleteBillRequested.v1', data: { ...data, billId: books.id } }
    : { type: 'DeleteVendorCreditRequested.v1', data: { ...data, vendorCreditId: books.id } }]);
};

const isPlannable = (s: InvoiceSyncState): s is Plannable =>
  s.status === 'Open' && (s.outbox.status === 'ready' || s.outbox.status === 'parked');

/**
 * What to do next, from the state after the input: nothing while a request is out or before
 * approval; otherwise void, sync, or park. Leaving a park is announced first (DocumentSyncResumed).
 */
export const planInvoiceSync = (s: InvoiceSyncState, ctx: InvoiceSyncContext, cause: ResumeCause): InvoiceSyncOutput[] => {
  if (!isPlannable(s)) return [];
  const step = s.doc.voided ? planVoid(s) : s.doc.approved ? planSync(s, ctx) : proceed([]);
  if (step.kind === 'park') return step.outputs;
  return s.outbox.status === 'parked' ? [resumed(s, cause), ...step.outputs] : step.outputs;
};

/**
 * A remap applied with "update posted": the bill (or credit) the books hold for the current
 * version is written again with the mapping now in force. Only a Synced invoice is rewritten:
 * a parked one resumes on the mapping change anyway, and one still on its way posts with the
 * mapping in force when its next request is drafted.
 */
export const planRemap = (s: InvoiceSyncState, ctx: InvoiceSyncContext): InvoiceSyncOutput[] => {
  if (s.status !== 'Synced' || s.books === null || s.books.matched === true || s.doc.voided) return [];
  const open = { ...memoryOf(s), status: 'Open' as const };
  const checked = checkInvoice(open, ctx);
  if (!checked.ok) return parkOutputs(open, checked, ctx.mapping !== null);
  return [nextRequest(open, ctx, checked.ready)];
};
