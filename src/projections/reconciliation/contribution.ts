import type { CostAmount, ReconDoc } from './recon-doc.js';
import { allocate } from './allocate.js';
import { expectedLines, retainageOf, type DocVerdict } from './recon-status.js';

export { allocate };

/**
 * Money columns of a reconciliation row (cents). `posted` is the hub's side (what it wrote to
 * the books), `books` the books' side (what they carry now: hand edits and deletions
 * included). `labour` is approved time at the employees' cost rates. The owner_* columns are
 * the owner side: billed at gross, retainage receivable (retained less released), received,
 * and what accounts receivable carry for it (the hub's invoices).
 */
export const MONEY_COLUMNS = [
  'original_budget', 'approved_changes', 'revised_budget', 'committed', 'invoiced', 'labour', 'posted', 'books', 'paid',
  'retainage_held', 'retainage_released', 'retainage_paid', 'owner_billed', 'owner_retainage', 'owner_received', 'owner_receivable',
] as const;
export const COUNT_COLUMNS = ['documents', 'pending', 'mismatched', 'quarantined'] as const;

/** Columns of a reconciliation row, in the order of a row vector. */
export const ROW_COLUMNS = [...MONEY_COLUMNS, ...COUNT_COLUMNS] as const;

export type RowVector = number[];

const col = (name: (typeof ROW_COLUMNS)[number]): number => ROW_COLUMNS.indexOf(name);
const ORIGINAL = col('original_budget');
const APPROVED = col('approved_changes');
const REVISED = col('revised_budget');
const COMMITTED = col('committed');
const INVOICED = col('invoiced');
const LABOUR = col('labour');
const POSTED = col('posted');
const BOOKS = col('books');
const PAID = col('paid');
const RETAINAGE = col('retainage_held');
const RETAINAGE_RELEASED = col('retainage_released');
const RETAINAGE_PAID = col('retainage_paid');
const OWNER_BILLED = col('owner_billed');
const OWNER_RETAINAGE = col('owner_retainage');
const OWNER_RECEIVED = col('owner_received');
const OWNER_RECEIVABLE = col('owner_receivable');
const DOCUMENTS = col('documents');
const STATUS_COLUMN: Readonly<Record<string, number>> = { pending: col('pending'), mismatch: col('mismatched'), quarantined: col('quarantined') };

const SEP = '\u001f';

/** A reconciliation row: connection × project × cost code × cost type ('' when the source has none). */
export const rowKey = (connection: string, projectId: string, costCode: string, costType: string): string =>
  [connection, projectId, costCode, costType].join(SEP);

export const splitRowKey = (key: string): [string, string, string, string] => {
  const [connection = '', projectId = '', costCode = '', costType = ''] = key.split(SEP);
  return [connection, projectId, costCode, costType];
};

class Contribution {
  readonly rows = new Map<string, RowVector>();
  constructor(private readonly connection: string, private readonly projectId: string) {}

  add(line: Pick<CostAmount, 'costCode' | 'costType'>, column: number, amount: number): void {
    const key = rowKey(this.connection, this.projectId, line.costCode, line.costType);
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = new Array<number>(ROW_COLUMNS.length).fill(0)));
    row[column]! += amount;
  }
}

/**
 * The books' side of what the hub wrote: its lines as written, none once deleted by hand, and
 * after a hand edit the new total less what was not cost (a retainage line), spread over the
 * lines in proportion (the books' lines do not say their cost code).
 */
export const booksLines = (doc: ReconDoc): readonly CostAmount[] => {
  const { books, booksChange } = doc.sync;
  if (!books) return [];
  if (!booksChange) return books.lines;
  if (booksChange.deleted) return [];
  const cost = books.lines.reduce((s, l) => s + l.amount, 0);
  const edited = booksChange.total - (books.total - cost);
  return allocate(edited, books.lines.map((l) => l.amount)).map((amount, i) => ({ ...books.lines[i]!, amount }));
};

const addConstruction = (c: Contribution, doc: ReconDoc, paid: number): void => {
  const side = doc.construction;
  if (!side?.effective) return;
  if (side.kind === 'timecard') {
    for (const line of expectedLines(doc)) c.add(line, LABOUR, line.amount);
    return;
  }
  if (side.kind === 'owner_invoice') return addOwnerInvoice(c, side, doc.sync.receivable?.total ?? 0, paid);
  const paidOut = retainageOf(doc, paid)?.paidOut ?? 0;
  const retainagePaid = allocate(paidOut, side.lines.map((l) => l.retainage + (l.released ?? 0)));
  side.lines.forEach((line, i) => {
    if (side.kind === 'budget_line' && side.budget) {
      c.add(line, ORIGINAL, side.budget.original);
      c.add(line, REVISED, side.budget.original);
    } else if (side.kind === 'prime_change_order') {
      c.add(line, APPROVED, line.amount);
      c.add(line, REVISED, line.amount);
    } else if (side.kind === 'subcontractor_invoice') {
      c.add(line, INVOICED, line.amount);
      // line.retainage is already net of what the line released, so held = retained − released − paid early.
      c.add(line, RETAINAGE, line.retainage - retainagePaid[i]!);
      c.add(line, RETAINAGE_RELEASED, line.released ?? 0);
      c.add(line, RETAINAGE_PAID, retainagePaid[i]!);
    } else {
      c.add(line, COMMITTED, line.amount);
    }
  });
};

/**
 * An owner invoice per cost key: work billed, retainage retained less what it releases
 * (spread over the lines by their retainage), and what AR carries and the owner paid, spread
 * by each line's net.
 */
const addOwnerInvoice = (c: Contribution, side: NonNullable<ReconDoc['construction']>, receivable: number, received: number): void => {
  const released = allocate(side.released ?? 0, side.lines.map((l) => l.retainage));
  const nets = side.lines.map((l, i) => l.amount - l.retainage + released[i]!);
  const inBooks = allocate(receivable, nets);
  const paid = allocate(received, nets);
  side.lines.forEach((line, i) => {
    c.add(line, OWNER_BILLED, line.amount);
    c.add(line, OWNER_RETAINAGE, line.retainage - released[i]!);
    c.add(line, OWNER_RECEIVABLE, inBooks[i]!);
    c.add(line, OWNER_RECEIVED, paid[i]!);
  });
};

/** Paid goes to the cost keys of the bill in proportion to its lines. */
const addBooks = (c: Contribution, doc: ReconDoc, paid: number): void => {
  for (const line of doc.sync.books?.lines ?? []) c.add(line, POSTED, line.amount);
  for (const line of booksLines(doc)) c.add(line, BOOKS, line.amount);
  const lines = doc.sync.books?.lines ?? [];
  allocate(paid, lines.map((l) => l.amount)).forEach((share, i) => c.add(lines[i]!, PAID, share));
};

/**
 * What one document adds to the reconciliation rows. Each row it touches also counts the
 * document once, and once more under its status (pending, mismatch, quarantined), so a
 * row's status follows from counts that add up like the money does.
 */
export const contributionOf = (doc: ReconDoc, verdict: DocVerdict, paid: number): Map<string, RowVector> => {
  const c = new Contribution(doc.connection, doc.construction?.projectId ?? '');
  addConstruction(c, doc, paid);
  addBooks(c, doc, paid);
  const statusColumn = STATUS_COLUMN[verdict.status];
  for (const row of c.rows.values()) {
    row[DOCUMENTS] = 1;
    if (statusColumn !== undefined) row[statusColumn] = 1;
  }
  return c.rows;
};
