import { discountedCents, lineGrossCents, readNumber, scale, toCents } from '../support/money.js';
import { isObject, readString, sameText, type Json } from '../support/json.js';
import { miss } from '../support/outcome.js';
import type { InvoiceType, LineRec, LineTracking } from '../org/model.js';
import type { Organisation } from '../org/organisation.js';

/** What a line is checked against: the organisation's accounts and tracking, and the document. */
export interface LineContext {
  readonly org: Organisation;
  readonly type: InvoiceType;
  /** `?unitdp=4` keeps four decimals on UnitAmount; otherwise Xero rounds it to two. */
  readonly unitDp: 2 | 4;
  /** Lines of the invoice being updated, so a resent LineItemID keeps its id. */
  readonly existing: readonly LineRec[];
  readonly newId: () => string;
}

export type LineOutcome = { readonly line?: LineRec; readonly errors: string[] };

const MAX_TRACKING = 2;
/** Far beyond any real document; keeps scaled arithmetic exact. */
const MAX_AMOUNT = 1e12;

/** The account rule Xero states as "not a valid code for this document": unknown, archived or a bank account. */
const checkAccount = (code: string | undefined, ctx: LineContext, errors: string[]): void => {
  if (code === undefined) return;
  const account = ctx.org.accountByCode(code);
  if (!account || account.Status !== 'ACTIVE' || account.Type === 'BANK') {
    errors.push(`Account code '${code}' is not a valid code for this document.`);
  }
};

const resolveTracking = (raw: unknown, ctx: LineContext, errors: string[]): LineTracking | undefined => {
  if (!isObject(raw)) return miss(errors, 'Tracking must be an object with Name and Option.');
  const byId = readString(raw, 'TrackingCategoryID');
  const name = readString(raw, 'Name');
  const category = byId
    ? ctx.org.data.tracking.get(byId.toLowerCase())
    : name !== undefined ? ctx.org.trackingNamed(name) : undefined;
  if (!category || category.Status !== 'ACTIVE') return miss(errors, `Tracking category '${byId ?? name ?? ''}' does not exist.`);
  const optionId = readString(raw, 'TrackingOptionID');
  const optionName = readString(raw, 'Option');
  const option = category.Options.find((o) => o.Status === 'ACTIVE'
    && (optionId ? o.TrackingOptionID === optionId.toLowerCase() : optionName !== undefined && sameText(o.Name, optionName)));
  if (!option) return miss(errors, `Tracking option '${optionId ?? optionName ?? ''}' does not exist in tracking category '${category.Name}'.`);
  return { TrackingCategoryID: category.TrackingCategoryID, TrackingOptionID: option.TrackingOptionID, Name: category.Name, Option: option.Name };
};

const readTracking = (raw: unknown, ctx: LineContext, errors: string[]): LineTracking[] => {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.push('Tracking must be an array.');
    return [];
  }
  if (raw.length > MAX_TRACKING) errors.push('A line item can have a maximum of 2 tracking categories.');
  const resolved = raw.map((t) => resolveTracking(t, ctx, errors)).filter((t): t is LineTracking => t !== undefined);
  const ids = new Set(resolved.map((t) => t.TrackingCategoryID));
  if (ids.size < resolved.length) errors.push('A line item can only have one option per tracking category.');
  return resolved;
};

const readAmount = (o: Json, key: string, errors: string[]): number | undefined => {
  if (o[key] === undefined || o[key] === null) return undefined;
  const value = readNumber(o[key]);
  if (value === undefined) errors.push(`${key} must be a number.`);
  else if (Math.abs(value) > MAX_AMOUNT) errors.push(`${key} is out of range.`);
  return value;
};

interface Amounts { quantity4: number; unit4: number; lineCents: number; discountCents: number; discountRate100?: number }

/** Quantity × UnitAmount less discount; a LineAmount alone implies the unit amount (Xero fills in what's missing). */
const computeAmounts = (raw: Json, ctx: LineContext, errors: string[]): Amounts => {
  const quantity = readAmount(raw, 'Quantity', errors) ?? 1;
  const unitIn = readAmount(raw, 'UnitAmount', errors);
  const lineIn = readAmount(raw, 'LineAmount', errors);
  const rate = readAmount(raw, 'DiscountRate', errors);
  const discount = readAmount(raw, 'DiscountAmount', errors);
  if ((rate !== undefined || discount !== undefined) && ctx.type === 'ACCPAY') errors.push('Discounts are only supported on ACCREC invoices.');
  const quantity4 = scale(quantity, 4);
  const unit = unitIn ?? (lineIn !== undefined && quantity !== 0 ? lineIn / quantity : 0);
  const unit4 = scale(unit, ctx.unitDp) * 10 ** (4 - ctx.unitDp);
  const gross = lineGrossCents(quantity4, unit4);
  const discountRate100 = rate !== undefined ? scale(rate, 2) : undefined;
  const discounted = discountRate100 !== undefined ? discountedCents(gross, discountRate100) : gross - toCents(discount ?? 0);
  // A LineAmount sent without a UnitAmount is kept as sent; the unit amount is derived from it, not the reverse.
  const net = unitIn === undefined && lineIn !== undefined ? toCents(lineIn) : discounted;
  if (unitIn !== undefined && lineIn !== undefined && toCents(lineIn) !== net) {
    errors.push(`The LineAmount ${lineIn} does not match Quantity x UnitAmount less discount (${net / 100}).`);
  }
  return { quantity4, unit4, lineCents: net, discountCents: gross - discounted, discountRate100 };
};

/** "A line item with just a description (i.e. no unit amount or quantity) can be created by specifying just a Description" (Xero's LineItem schema). */
const isDescriptionOnly = (raw: Json): boolean =>
  ['Quantity', 'UnitAmount', 'LineAmount', 'AccountCode', 'ItemCode'].every((key) => raw[key] === undefined || raw[key] === null);

/** Validates one LineItems[] entry and computes its amounts. */
export const buildLine = (raw: unknown, ctx: LineContext): LineOutcome => {
  if (!isObject(raw)) return { errors: ['Each line item must be an object.'] };
  const errors: string[] = [];
  const description = readString(raw, 'Description') ?? '';
  const itemCode = readString(raw, 'ItemCode');
  if (description.trim() === '' && !itemCode) errors.push('Description must be at least 1 character long.');
  const accountCode = readString(raw, 'AccountCode');
  checkAccount(accountCode, ctx, errors);
  const tracking = readTracking(raw.Tracking, ctx, errors);
  const amounts = computeAmounts(raw, ctx, errors);
  const taxCents = toCents(readAmount(raw, 'TaxAmount', errors) ?? 0);
  if (errors.length > 0) return { errors };
  const sentId = readString(raw, 'LineItemID')?.toLowerCase();
  const kept = ctx.existing.find((l) => l.LineItemID === sentId);
  return {
    errors,
    line: {
      LineItemID: kept?.LineItemID ?? ctx.newId(), Description: description, AccountCode: accountCode, ItemCode: itemCode,
      TaxType: readString(raw, 'TaxType') ?? 'NONE', taxCents, Tracking: tracking, ...amounts,
      ...(isDescriptionOnly(raw) ? { descriptionOnly: true as const } : {}),
    },
  };
};
