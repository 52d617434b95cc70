import { formatMoney, type Cents } from '../../domain/shared/money.js';
import type { CostAmount, ReconDoc } from './recon-doc.js';

/**
 * Where a document stands between the two sides:
 * - in_sync: the books carry what the construction side says (per cost code and type).
 * - pending: they differ, but the hub is still working on it (a request is out, or the saga
 *   has not yet taken in the latest version).
 * - mismatch: they differ and nothing in flight will fix it: missing in the books, edited
 *   by hand in the books, or amount differs.
 * - quarantined: the hub parked it (mapping missing, validation failed, books rejected)
 *   or gave up posting it (dead-lettered).
 * - none: the document does not sync to the books (commitments, budget lines, drafts).
 */
export type DocStatus = 'none' | 'in_sync' | 'pending' | 'mismatch' | 'quarantined';

export type DiscrepancyReason = 'amount_differs' | 'missing_in_books' | 'edited_by_hand' | 'quarantined' | 'dead_lettered' | 'paid_over_net_due';

export interface DocVerdict {
  readonly status: DocStatus;
  readonly reason: DiscrepancyReason | null;
  readonly detail: string | null;
  /** What the books should carry for it, in cents (signed). */
  readonly expected: number;
  /** What the books carry as far as the hub knows (hand edits included), in cents. */
  readonly booksAmount: number;
  /** What books payments applied to it, in cents. */
  readonly paid: number;
  /** What is payable now (an invoice's gross less its retainage); null for what is not an invoice. */
  readonly netDue: number | null;
}

/**
 * An invoice's retainage against what was paid on its bill. The net due is gross less what
 * it retains plus what it releases (Procore's released this period, on its lines); whatever
 * was paid beyond that, up to what it retained, was retainage paid before its release, and
 * what is left of the retainage is still held.
 */
export interface RetainageFigures {
  /** Retained less released: the line retainage as the snapshot carries it (negative when it releases more). */
  readonly withheld: number;
  readonly retained: number;
  readonly released: number;
  readonly netDue: number;
  readonly paidOut: number;
}

export const retainageOf = (doc: ReconDoc, paid: number): RetainageFigures | null => {
  const c = doc.construction;
  if (!c || c.kind !== 'subcontractor_invoice' || !c.effective) return null;
  const withheld = c.lines.reduce((s, l) => s + l.retainage, 0);
  const released = c.lines.reduce((s, l) => s + (l.released ?? 0), 0);
  const retained = withheld + released;
  const netDue = c.lines.reduce((s, l) => s + l.amount, 0) - withheld;
  return { withheld, retained, released, netDue, paidOut: netDue >= 0 ? Math.min(Math.max(paid - netDue, 0), Math.max(retained, 0)) : 0 };
};

/** The cost lines of the latest TimeActivity the saga asked for or wrote: the entry's labour cost. */
const labourDraft = (doc: ReconDoc): readonly CostAmount[] => {
  const writes = doc.sync.open.filter((r) => r.op === 'write');
  return writes.length > 0 ? writes[writes.length - 1]!.lines : (doc.sync.books?.lines ?? []);
};

/**
 * The job cost the books should carry per cost key. Under the net-only retainage treatment
 * lines go to the books net of retainage; otherwise at gross.
 */
export const expectedLines = (doc: ReconDoc): readonly CostAmount[] => {
  const c = doc.construction;
  if (c?.kind === 'timecard' && c.effective) return labourDraft(doc);
  if (!c || c.kind !== 'subcontractor_invoice' || !c.effective) return [];
  const mode = doc.sync.books?.mode ?? doc.sync.open.find((r) => r.mode)?.mode ?? null;
  return mode === 'net-only' ? c.lines.map((l) => ({ ...l, amount: l.amount - l.retainage })) : c.lines;
};

/** Cost lines the books carry as the hub wrote them; nothing once deleted by hand. */
export const postedLines = (doc: ReconDoc): readonly CostAmount[] =>
  doc.sync.books && !doc.sync.booksChange?.deleted ? doc.sync.books.lines : [];

const byCostKey = (lines: readonly CostAmount[]): Map<string, number> => {
  const sums = new Map<string, number>();
  for (const l of lines) sums.set(`${l.costCode}\u001f${l.costType}`, (sums.get(`${l.costCode}\u001f${l.costType}`) ?? 0) + l.amount);
  return sums;
};

const sameAmounts = (a: readonly CostAmount[], b: readonly CostAmount[]): boolean => {
  const left = byCostKey(a);
  const right = byCostKey(b);
  for (const key of new Set([...left.keys(), ...right.keys()])) if ((left.get(key) ?? 0) !== (right.get(key) ?? 0)) return false;
  return true;
};

const money = (amount: number): string => formatMoney(amount as Cents);

const total = (lines: readonly CostAmount[]): number => lines.reduce((sum, l) => sum + l.amount, 0);

const paidOverNetDue = (doc: ReconDoc, paid: number): string | null => {
  const r = retainageOf(doc, paid);
  if (!r || r.netDue < 0 || paid <= r.netDue) return null;
  const retainage = r.paidOut > 0 ? `: retainage ${money(r.paidOut)} of ${money(r.retained)} paid before its release` : '';
  const over = paid - r.netDue - r.paidOut;
  return `paid ${money(paid)} against a net due of ${money(r.netDue)}${retainage}${over > 0 ? `; ${money(over)} more than the invoice's gross` : ''}`;
};

/** What an owner invoice bills now: work less retainage retained, plus retainage released (receivable billed). */
export const ownerNet = (doc: ReconDoc): number => {
  const c = doc.construction;
  if (c?.kind !== 'owner_invoice' || !c.effective) return 0;
  return c.lines.reduce((s, l) => s + l.amount - l.retainage, 0) + (c.released ?? 0);
};

/** An owner invoice against accounts receivable: the net it bills against what its books invoices total. */
const ownerVerdict = (doc: ReconDoc, paid: number): DocVerdict => {
  const expected = ownerNet(doc);
  const receivable = doc.sync.receivable ?? null;
  const booksAmount = receivable?.total ?? 0;
  const verdict = (status: DocStatus, reason: DiscrepancyReason | null = null, detail: string | null = null): DocVerdict =>
    ({ status, reason, detail, expected, booksAmount, paid, netDue: expected });
  if (expected === booksAmount) return verdict(expected === 0 && !receivable ? 'none' : 'in_sync');
  const settled = doc.sync.open.length === 0 && doc.sync.seenVersion !== null && doc.sync.seenVersion === doc.construction?.version;
  if (!settled) return verdict('pending');
  return receivable
    ? verdict('mismatch', 'amount_differs', `accounts receivable carry ${money(booksAmount)}, the owner invoice bills ${money(expected)}`)
    : verdict('mismatch', 'missing_in_books', 'approved, but nothing was invoiced in the books');
};

/** Documents that go to the books: subcontractor invoices, and anything a saga took on. */
const syncs = (doc: ReconDoc): boolean => doc.construction?.kind === 'subcontractor_invoice' || doc.sync.sagas.length > 0;

export const verdictOf = (doc: ReconDoc, paid = 0): DocVerdict => {
  const expected = expectedLines(doc);
  const posted = postedLines(doc);
  const amounts = {
    expected: total(expected), booksAmount: doc.sync.booksChange ? doc.sync.booksChange.total : total(posted), paid, netDue: retainageOf(doc, paid)?.netDue ?? null,
  };
  const verdict = (status: DocStatus, reason: DiscrepancyReason | null = null, detail: string | null = null): DocVerdict =>
    ({ status, reason, detail, ...amounts });
  const { sync } = doc;
  if (!syncs(doc)) return verdict('none');
  if (sync.deadLetters.length > 0) return verdict('quarantined', 'dead_lettered', `outbound request ${sync.deadLetters[0]} ran out of retries`);
  if (sync.quarantine) return verdict('quarantined', 'quarantined', `${sync.quarantine.reason}: ${sync.quarantine.message}`);
  if (doc.construction?.kind === 'owner_invoice') return ownerVerdict(doc, paid);
  if (sync.books && sync.booksChange?.deleted && expected.length > 0) return verdict('mismatch', 'missing_in_books', `${sync.books.entity} ${sync.books.id} was deleted in the books`);
  if (sync.books && sync.booksChange && !sync.booksChange.deleted) {
    return verdict('mismatch', 'edited_by_hand', `${sync.books.entity} ${sync.books.id} was edited in the books`);
  }
  if (sameAmounts(expected, posted)) {
    const overpaid = paidOverNetDue(doc, paid);
    if (overpaid) return verdict('mismatch', 'paid_over_net_due', overpaid);
    return verdict(expected.length === 0 && !sync.books ? 'none' : 'in_sync');
  }
  const settled = sync.open.length === 0 && sync.seenVersion !== null && sync.seenVersion === doc.construction?.version;
  if (!settled) return verdict('pending');
  return sync.books
    ? verdict('mismatch', 'amount_differs', `the books carry ${money(amounts.booksAmount)}, the construction side ${money(amounts.expected)}`)
    : verdict('mismatch', 'missing_in_books', 'approved, but nothing was posted to the books');
};
