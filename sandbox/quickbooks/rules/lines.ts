import type { StoredEntity } from '../model/company.js';
import { asDoc, asDocs, asString, type Doc } from '../model/entity-types.js';
import { parseDecimal, percentOfCents, productCents } from '../model/money.js';
import { errors } from '../model/qbo-error.js';
import { accountType, maxLength, oneOf } from './common.js';
import type { RuleContext } from './context.js';

export type LineFamily = 'expense' | 'sales';

const DETAIL_TYPES: Readonly<Record<LineFamily, readonly string[]>> = {
  expense: ['AccountBasedExpenseLineDetail', 'ItemBasedExpenseLineDetail'],
  sales: ['SalesItemLineDetail', 'DescriptionOnly', 'SubTotalLineDetail', 'DiscountLineDetail'],
};

const BILLABLE = ['Billable', 'NotBillable', 'HasBeenBilled'];

/** BillableStatus may be read as HasBeenBilled but never set so (facts §2.12): 2170. */
const billable = (detail: Doc, element: string): void => {
  oneOf(detail, 'BillableStatus', BILLABLE);
  if (detail.BillableStatus === 'HasBeenBilled') throw errors.enumeration(`${element}.BillableStatus`, 'HasBeenBilled');
};

/** Qty × UnitPrice must equal Amount to the cent when both are given (6070). */
const quantityTimesPrice = (detail: Doc, amount: number, element: string): void => {
  if (detail.Qty === undefined || detail.UnitPrice === undefined) return;
  const qty = parseDecimal(detail.Qty, `${element}.Qty`);
  const price = parseDecimal(detail.UnitPrice, `${element}.UnitPrice`);
  if (productCents(qty, price) !== amount) throw errors.amountMismatch(`${element}.Amount`);
};

const detailOf = (line: Doc, detailType: string, element: string): Doc => {
  const detail = asDoc(line[detailType]);
  if (!detail) throw errors.required(`${element}.${detailType}`);
  return detail;
};

const amountOf = (ctx: RuleContext, line: Doc, element: string): number => {
  const amount = line.Amount;
  if (typeof amount !== 'number') throw errors.required(`${element}.Amount`);
  if (amount < 0 && ctx.options.negativeLines === 'reject') throw errors.negativeAmount(`${element}.Amount`);
  return amount;
};

/** Posting to A/P or A/R from a line would bypass the subledger, so QuickBooks refuses it. */
const notControlAccount = (ctx: RuleContext, detail: Doc, element: string): void => {
  const type = accountType(ctx.company, detail.AccountRef);
  if (type === 'Accounts Payable' || type === 'Accounts Receivable') {
    throw errors.business(`${element}.AccountRef can't be an ${type} account`, `${element}.AccountRef`);
  }
};

const expenseLine = (ctx: RuleContext, line: Doc, detailType: string, element: string): number => {
  const amount = amountOf(ctx, line, element);
  const detail = detailOf(line, detailType, element);
  billable(detail, element);
  if (detailType === 'AccountBasedExpenseLineDetail') {
    if (detail.AccountRef === undefined) throw errors.required(`${element}.AccountBasedExpenseLineDetail.AccountRef`);
    notControlAccount(ctx, detail, element);
  } else {
    if (detail.ItemRef === undefined) throw errors.required(`${element}.ItemBasedExpenseLineDetail.ItemRef`);
    quantityTimesPrice(detail, amount, element);
  }
  return amount;
};

const salesItemLine = (ctx: RuleContext, line: Doc, element: string): number => {
  const amount = amountOf(ctx, line, element);
  const detail = detailOf(line, 'SalesItemLineDetail', element);
  // Stricter than QuickBooks, which falls back to a default "Services" item.
  if (detail.ItemRef === undefined) throw errors.required(`${element}.SalesItemLineDetail.ItemRef`);
  quantityTimesPrice(detail, amount, element);
  return amount;
};

/** A discount is entered as a positive amount (or a percent of the lines above it) and subtracted. */
const discountLine = (line: Doc, subtotal: number, element: string): number => {
  const detail = detailOf(line, 'DiscountLineDetail', element);
  if (detail.PercentBased === true) {
    const percent = parseDecimal(detail.DiscountPercent ?? 0, `${element}.DiscountLineDetail.DiscountPercent`);
    return percentOfCents(subtotal, percent);
  }
  if (typeof line.Amount !== 'number') throw errors.required(`${element}.Amount`);
  if (line.Amount < 0) throw errors.negativeAmount(`${element}.Amount`);
  return line.Amount;
};

/** Keeps the Id of a line that already exists; other lines get the next free Id (facts §2.1). */
const lineIds = (lines: Doc[], previous: StoredEntity | undefined): Doc[] => {
  const known = new Set(asDocs(previous?.doc.Line).map((l) => asString(l.Id)).filter((id): id is string => id !== undefined));
  let next = Math.max(0, ...[...known].map(Number).filter(Number.isFinite)) + 1;
  return lines.map((line, index) => {
    const id = asString(line.Id);
    const keep = id !== undefined && known.has(id);
    return { ...line, Id: keep ? id : String(next++), LineNum: index + 1 };
  });
};

/** Linking an existing line to a PO is not supported: the link must come on a new line (facts §2.1). */
const noLinkOnExistingLine = (lines: Doc[], previous: StoredEntity | undefined): void => {
  const before = new Map(asDocs(previous?.doc.Line).map((l) => [asString(l.Id), l]));
  lines.forEach((line, i) => {
    const old = before.get(asString(line.Id));
    if (old && asDocs(line.LinkedTxn).length > asDocs(old.LinkedTxn).length) {
      throw errors.business('a LinkedTxn can only be added on a new line', `Line[${i}].LinkedTxn`);
    }
  });
};

export interface PricedLines {
  readonly lines: Doc[];
  readonly total: number;
}

/** Validates a transaction's Line array and totals it in cents. */
export const priceLines = (ctx: RuleContext, doc: Doc, family: LineFamily, previous: StoredEntity | undefined): PricedLines => {
  const raw = doc.Line;
  if (!Array.isArray(raw) || raw.length === 0) throw errors.required('Line');
  noLinkOnExistingLine(asDocs(raw), previous);
  let total = 0;
  let sinceSubtotal = 0;
  const lines = lineIds(asDocs(raw), previous).map((line, i) => {
    const element = `Line[${i}]`;
    const detailType = asString(line.DetailType);
    if (!detailType) throw errors.required(`${element}.DetailType`);
    if (!DETAIL_TYPES[family].includes(detailType)) throw errors.enumeration(`${element}.DetailType`, detailType);
    maxLength(line, 'Description', 4000);
    if (detailType === 'DescriptionOnly') return { ...line, Amount: line.Amount ?? 0 };
    if (detailType === 'SubTotalLineDetail') return { ...line, Amount: sinceSubtotal };
    const amount = detailType === 'DiscountLineDetail' ? -discountLine(line, total, element)
      : family === 'sales' ? salesItemLine(ctx, line, element) : expenseLine(ctx, line, detailType, element);
    total += amount;
    sinceSubtotal += amount;
    return detailType === 'DiscountLineDetail' ? { ...line, Amount: -amount } : line;
  });
  if (total < 0) throw errors.business('Transaction amount must be positive (the lines total less than zero)', 'Line');
  return { lines, total };
};
