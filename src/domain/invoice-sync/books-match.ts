import type { VendorDocumentHeld } from '../books/books-vocabulary.js';
import type { Cents } from '../shared/money.js';
import { formatMoney } from '../shared/money.js';
import type { BooksEntity, InvoiceSyncOutput } from './invoice-sync.outputs.js';
import type { SyncMemory } from './invoice-sync.state.js';
import { factOf } from './invoice-sync.state.js';

/**
 * How a Buildertrend connection's bills reach the books (facts buildertrend.md §2, §4):
 * `hub-posts`: the hub posts them, unless the books already hold the bill (vendor, number and
 * amount), which is then linked; `books-synced-natively`: Buildertrend's own sync writes them,
 * and the hub only links what it finds, never writes.
 */
export type BuildertrendMode = 'hub-posts' | 'books-synced-natively';

/** What a look in the books found for a Buildertrend bill (the saga's context); `supported: false` when the books port cannot look. */
export type BooksMatchLookup =
  | { readonly mode: BuildertrendMode; readonly supported: true; readonly found: readonly VendorDocumentHeld[] }
  | { readonly mode: BuildertrendMode; readonly supported: false; readonly system: string };

const described = (s: SyncMemory): string => {
  const i = s.doc.snapshot;
  return `${i.netAmount < 0 ? 'vendor credit' : 'bill'} ${i.invoiceNumber ?? i.number} from ${i.vendorName} for ${formatMoney(Math.abs(i.netAmount) as Cents)}`;
};

const parkFor = (s: SyncMemory, message: string): InvoiceSyncOutput[] =>
  s.outbox.status === 'parked' && s.outbox.park.message === message
    ? []
    : [{ type: 'DocumentSyncParked.v1', data: { document: s.doc.ref, version: s.doc.version, reasons: ['link-missing'], message } }];

/**
 * A Buildertrend bill against what the books hold: the same vendor, number and amount is the
 * same bill (Buildertrend synced it, or someone keyed it), linked and never written again.
 * Undefined: nothing found and the hub may post it. Otherwise the bill parks, saying why,
 * until a retry finds it (or a fix in the books lets it post).
 */
export const planBooksMatch = (s: SyncMemory, lookup: BooksMatchLookup): InvoiceSyncOutput[] | undefined => {
  const what = described(s);
  if (!lookup.supported) {
    return parkFor(s, `The ${what} can't be checked against the books: looking for documents Buildertrend already synced is not supported for ${lookup.system}. Post or link it by hand.`);
  }
  const entity: BooksEntity = s.doc.snapshot.netAmount < 0 ? 'VendorCredit' : 'Bill';
  const kind = entity === 'Bill' ? 'bill' : 'vendor-credit';
  const total = Math.abs(s.doc.snapshot.netAmount);
  const same = lookup.found.find((f) => f.kind === kind && f.total === total);
  if (same) {
    const data = { ...factOf(s), entity, booksId: same.id, docNumber: same.number, syncToken: same.version };
    const lines = s.doc.snapshot.lines.map((l) => ({ costCode: l.costCode, costType: l.costType, amount: l.amount }));
    return [{ type: 'InvoiceMatchedInBooks.v1', data: { ...data, mode: lookup.mode, total: same.total, lines } }, { type: 'InvoiceSynced.v1', data }];
  }
  const other = lookup.found.find((f) => f.kind === kind);
  if (other) return parkFor(s, `The books hold ${entity} ${other.number} (id ${other.id}) from ${s.doc.snapshot.vendorName} for ${formatMoney(other.total)}, not the ${what}: correct one of them, then retry.`);
  if (lookup.mode === 'books-synced-natively') {
    return parkFor(s, `Buildertrend syncs its bills to the books itself (mode books-synced-natively), and the books hold no ${what} yet: import the export again (or retry) once Buildertrend has synced it.`);
  }
  return undefined;
};
