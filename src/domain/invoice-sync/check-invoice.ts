import type { JobLink, MappingSettings } from '../mapping/mapping.types.js';
import { formatMoney } from '../shared/money.js';
import { booksTotal, entityFor } from './draft-books-document.js';
import type { InvoiceSyncContext } from './invoice-sync.inputs.js';
import type { SyncMemory } from './invoice-sync.state.js';
import type { LineMapping, MappedLine } from './map-invoice-lines.js';
import { mapInvoiceLines } from './map-invoice-lines.js';
import type { ValidationFailure } from './validate-invoice.js';
import { validateInvoice } from './validate-invoice.js';

/** An invoice that may post: every line mapped, the job known, under these settings. */
export interface InvoiceReady {
  readonly mapped: readonly MappedLine[];
  readonly job: JobLink;
  readonly settings: MappingSettings;
}

export type InvoiceCheck =
  | { readonly ok: true; readonly ready: InvoiceReady }
  | { readonly ok: false; readonly missing: LineMapping | null; readonly failures: readonly ValidationFailure[] };

/** Known vendor: linked in the books already, or a name to look up (or create). */
const checkVendor = (s: SyncMemory, ctx: InvoiceSyncContext): ValidationFailure[] =>
  (ctx.vendorLink ?? s.vendorRef) !== null || s.doc.snapshot.vendorName.trim() !== ''
    ? []
    : [{ field: 'vendorName', message: 'the invoice names no vendor and none is linked in the books' }];

/** A bill can't turn into a vendor credit (or back) by an update. */
const checkSign = (s: SyncMemory, settings: MappingSettings | undefined): ValidationFailure[] => {
  if (s.books === null || settings === undefined) return [];
  const total = booksTotal(s.doc.snapshot, settings.retainage);
  if (entityFor(total) === s.books.entity) return [];
  const field = settings.retainage.mode === 'gross-open' ? 'grossAmount' : 'netAmount';
  return [{ field, message: `the invoice was posted as a ${s.books.entity} but now totals ${formatMoney(total)}; void it in Procore and enter a new invoice` }];
};

/**
 * Everything that must hold before the invoice posts: its totals and retainage, the
 * commitment, the vendor, and a rule for every line plus a job for the project. All problems
 * are collected, so one message names every field and cost code to fix.
 */
export const checkInvoice = (s: SyncMemory, ctx: InvoiceSyncContext): InvoiceCheck => {
  const failures = [
    ...validateInvoice(s.doc.snapshot, ctx.commitment),
    ...checkVendor(s, ctx),
    ...checkSign(s, ctx.mapping?.settings),
  ];
  const lines = mapInvoiceLines(s.doc.snapshot, ctx.mapping);
  const mappingComplete = ctx.mapping !== null && lines.unmapped.length === 0 && lines.job !== null;
  if (failures.length === 0 && ctx.mapping !== null && lines.job !== null && mappingComplete) {
    return { ok: true, ready: { mapped: lines.mapped, job: lines.job, settings: ctx.mapping.settings } };
  }
  return { ok: false, missing: mappingComplete ? null : lines, failures };
};
