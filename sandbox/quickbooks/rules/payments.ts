import { asDoc, asDocs, asString, refValue, type Doc, type EntityName } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';
import { applicationsOf, appliedTo, refreshBalances, type Application } from './applications.js';
import {
  USD, checkReferences, firstAccountOfType, maxLength, oneOf, requireAccountType, requireField, selfId, txnDates,
} from './common.js';
import type { EntityRules, RuleContext } from './context.js';

/** Each payment line applies a positive amount to exactly one open transaction of the same party. */
const checkApplication = (ctx: RuleContext, a: Application, partyField: string, partyId: string, self: string | undefined, i: number): void => {
  const element = `Line[${i}]`;
  if (a.amount <= 0) throw errors.negativeAmount(`${element}.Amount`);
  const target = ctx.company.get(a.target, a.targetId);
  if (!target || target.voided) throw errors.invalidReference('LinkedTxn.TxnId', a.targetId);
  if (refValue(target.doc, partyField) !== partyId) {
    throw errors.business(`${a.target} ${a.targetId} belongs to another ${partyField.replace('Ref', '')}`, `${element}.LinkedTxn`);
  }
  const open = Number(target.doc.TotalAmt ?? 0) - appliedTo(ctx.company, a.target, a.targetId, self);
  if (a.amount > open) {
    throw errors.business(`the amount applied to ${a.target} ${a.targetId} exceeds its open balance`, `${element}.Amount`);
  }
};

const linesWithLinks = (doc: Doc, allowed: readonly EntityName[]): void => {
  asDocs(doc.Line).forEach((line, i) => {
    const link = asDocs(line.LinkedTxn)[0];
    if (!link) throw errors.required(`Line[${i}].LinkedTxn`);
    const type = asString(link.TxnType) ?? '';
    if (!(allowed as readonly string[]).includes(type)) throw errors.enumeration(`Line[${i}].LinkedTxn.TxnType`, type);
  });
};

const totalAmt = (doc: Doc): number => {
  requireField(doc, 'TotalAmt');
  if (typeof doc.TotalAmt !== 'number' || doc.TotalAmt < 0) throw errors.business('TotalAmt must be zero or more', 'TotalAmt');
  return doc.TotalAmt;
};

/** How the vendor is paid: a bank account for checks, a credit-card account otherwise. */
const payMethod = (ctx: RuleContext, doc: Doc): void => {
  requireField(doc, 'PayType');
  oneOf(doc, 'PayType', ['Check', 'CreditCard']);
  const [holder, field, type] = doc.PayType === 'Check'
    ? ['CheckPayment', 'BankAccountRef', 'Bank'] as const
    : ['CreditCardPayment', 'CCAccountRef', 'Credit Card'] as const;
  const detail = asDoc(doc[holder]);
  if (!detail || detail[field] === undefined) throw errors.required(`${holder}.${field}`);
  requireAccountType(ctx.company, detail, field, type);
};

const paymentCommon = (ctx: RuleContext, doc: Doc): void => {
  txnDates(ctx, doc);
  maxLength(doc, 'DocNumber', 21);
  maxLength(doc, 'PrivateNote', 4000);
  checkReferences(ctx.company, doc);
};

/** A BillPayment pays bills and may use up vendor credits: TotalAmt ≥ bills − credits; any excess is an overpayment. */
export const billPaymentRules: EntityRules = {
  canDelete: true,
  canVoid: true,
  prepare(ctx, doc, previous) {
    requireField(doc, 'VendorRef');
    requireField(doc, 'Line');
    payMethod(ctx, doc);
    const total = totalAmt(doc);
    paymentCommon(ctx, doc);
    linesWithLinks(doc, ['Bill', 'VendorCredit']);
    const vendorId = refValue(doc, 'VendorRef') ?? '';
    const apps = applicationsOf(doc);
    apps.forEach((a, i) => checkApplication(ctx, a, 'VendorRef', vendorId, selfId(previous), i));
    const net = apps.reduce((sum, a) => sum + (a.target === 'VendorCredit' ? -a.amount : a.amount), 0);
    if (total < net) throw errors.business('TotalAmt is less than the bills paid minus the credits used', 'TotalAmt');
    requireAccountType(ctx.company, doc, 'APAccountRef', 'Accounts Payable');
    return { ...doc, APAccountRef: doc.APAccountRef ?? firstAccountOfType(ctx.company, 'Accounts Payable'), CurrencyRef: doc.CurrencyRef ?? USD };
  },
  voided: voidBillPayment,
  afterWrite: (ctx, before, after) => refreshBalances(ctx.company, before, after),
};

/** A Payment receives money from a customer, applied to its invoices; the rest is UnappliedAmt. */
export const paymentRules: EntityRules = {
  canDelete: true,
  canVoid: true,
  prepare(ctx, doc, previous) {
    requireField(doc, 'CustomerRef');
    const total = totalAmt(doc);
    paymentCommon(ctx, doc);
    linesWithLinks(doc, ['Invoice']);
    const customerId = refValue(doc, 'CustomerRef') ?? '';
    const apps = applicationsOf(doc);
    apps.forEach((a, i) => checkApplication(ctx, a, 'CustomerRef', customerId, selfId(previous), i));
    const applied = apps.reduce((sum, a) => sum + a.amount, 0);
    if (applied > total) throw errors.business('the amounts applied exceed TotalAmt', 'TotalAmt');
    return { ...doc, Line: doc.Line ?? [], UnappliedAmt: total - applied, CurrencyRef: doc.CurrencyRef ?? USD };
  },
  voided: voidPayment,
  afterWrite: (ctx, before, after) => refreshBalances(ctx.company, before, after),
};

/** Intuit's BillPayment reference: amounts zeroed, every line cleared, "Voided" in PrivateNote; the bills open again. */
function voidBillPayment(doc: Doc): Doc {
  return { ...voidPayment(doc), Line: [] };
}

/** A voided payment keeps its links for the record but applies nothing. */
function voidPayment(doc: Doc): Doc {
  const lines = asDocs(doc.Line).map((line) => ({ ...line, Amount: 0 }));
  const note = asString(doc.PrivateNote);
  return { ...doc, Line: lines, TotalAmt: 0, ...(doc.UnappliedAmt !== undefined ? { UnappliedAmt: 0 } : {}), PrivateNote: note ? `Voided - ${note}` : 'Voided' };
}
