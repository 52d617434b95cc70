import type { StoredEntity } from '../model/company.js';
import { asDocs, asString, refValue, type Doc, type EntityName } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';
import { appliedTo, paymentsApplyingTo } from './applications.js';
import {
  USD, checkReferences, firstAccountOfType, maxLength, oneOf, requireAccountType, requireField, selfId, txnDates,
} from './common.js';
import type { EntityRules, RuleContext } from './context.js';
import { withLineDefaults } from './line-defaults.js';
import { defaultDueDate } from './terms.js';
import { priceLines, type LineFamily } from './lines.js';

/** LinkedTxn entries QuickBooks adds itself (payments on bills/invoices, bills on POs): dropped from input, derived on read. */
const DERIVED_LINKS: Partial<Record<EntityName, readonly string[]>> = {
  Bill: ['BillPaymentCheck', 'BillPaymentCreditCard'],
  VendorCredit: ['BillPaymentCheck', 'BillPaymentCreditCard'],
  Invoice: ['Payment'],
  PurchaseOrder: ['Bill'],
};

const ownLinks = (entity: EntityName, doc: Doc): Doc[] | undefined => {
  if (doc.LinkedTxn === undefined) return undefined;
  const derived = DERIVED_LINKS[entity] ?? [];
  return asDocs(doc.LinkedTxn).filter((l) => !derived.includes(asString(l.TxnType) ?? ''));
};

interface TxnShape {
  readonly entity: EntityName;
  readonly party: 'VendorRef' | 'CustomerRef';
  readonly family: LineFamily;
  /** Balance = TotalAmt − what payments apply (Bill, VendorCredit, Invoice). */
  readonly hasBalance: boolean;
}

/** Validation and derivation every line-based transaction shares. */
const prepareTxn = (ctx: RuleContext, shape: TxnShape, input: Doc, previous: StoredEntity | undefined): Doc => {
  const doc: Doc = { ...input, LinkedTxn: ownLinks(shape.entity, input) };
  if (doc.LinkedTxn === undefined) delete doc.LinkedTxn;
  requireField(doc, shape.party);
  txnDates(ctx, doc);
  maxLength(doc, 'DocNumber', 21);
  maxLength(doc, 'PrivateNote', 4000);
  checkReferences(ctx.company, doc);
  const { lines, total } = priceLines(ctx, doc, shape.family, previous);
  const out: Doc = { ...doc, Line: withLineDefaults(lines), TotalAmt: total, CurrencyRef: doc.CurrencyRef ?? USD };
  if (shape.hasBalance) {
    const balance = total - (previous ? appliedTo(ctx.company, shape.entity, String(previous.doc.Id)) : 0);
    if (balance < 0) throw errors.business('the new total is less than the payments already applied', 'Line');
    out.Balance = balance;
  }
  return out;
};

/** A bill, credit or invoice with payments applied can't be deleted or voided until they are removed. */
const noPaymentsApplied = (ctx: RuleContext, stored: StoredEntity): void => {
  if (paymentsApplyingTo(ctx.company, stored.entity, String(stored.doc.Id)).length > 0) {
    throw errors.business(`${stored.entity} ${String(stored.doc.Id)} has payments applied; delete or void them first`);
  }
};

/** Duplicate DocNumber on a Bill fails with 6140 unless include=allowduplicatedocnum. */
const uniqueDocNumber = (ctx: RuleContext, doc: Doc, self: string | undefined): void => {
  const docNumber = asString(doc.DocNumber);
  if (!docNumber || ctx.allowDuplicateDocNumber) return;
  const vendor = refValue(doc, 'VendorRef');
  const clash = ctx.company.all('Bill').find((b) => String(b.doc.Id) !== self && b.doc.DocNumber === docNumber
    && (ctx.options.docNumberScope === 'realm' || refValue(b.doc, 'VendorRef') === vendor));
  if (clash) throw errors.duplicateDocNumber(docNumber, 'Bill', String(clash.doc.Id));
};

const apDefaults = (ctx: RuleContext, doc: Doc): Doc => {
  requireAccountType(ctx.company, doc, 'APAccountRef', 'Accounts Payable');
  return { ...doc, APAccountRef: doc.APAccountRef ?? firstAccountOfType(ctx.company, 'Accounts Payable') };
};

export const billRules: EntityRules = {
  canDelete: true,
  canVoid: false,
  prepare(ctx, doc, previous) {
    const out = apDefaults(ctx, prepareTxn(ctx, { entity: 'Bill', party: 'VendorRef', family: 'expense', hasBalance: true }, doc, previous));
    uniqueDocNumber(ctx, out, selfId(previous));
    return { ...out, DueDate: out.DueDate ?? defaultDueDate(ctx.company, out, { entity: 'Vendor', field: 'VendorRef', termField: 'TermRef' }) };
  },
  beforeRemove: noPaymentsApplied,
};

export const vendorCreditRules: EntityRules = {
  canDelete: true,
  canVoid: false,
  prepare(ctx, doc, previous) {
    return apDefaults(ctx, prepareTxn(ctx, { entity: 'VendorCredit', party: 'VendorRef', family: 'expense', hasBalance: true }, doc, previous));
  },
  beforeRemove: noPaymentsApplied,
};

export const purchaseOrderRules: EntityRules = {
  canDelete: true,
  canVoid: false,
  prepare(ctx, doc, previous) {
    requireField(doc, 'APAccountRef'); // required per the API reference (facts §2.3)
    oneOf(doc, 'POStatus', ['Open', 'Closed']);
    const out = apDefaults(ctx, prepareTxn(ctx, { entity: 'PurchaseOrder', party: 'VendorRef', family: 'expense', hasBalance: false }, doc, previous));
    return { ...out, POStatus: out.POStatus ?? 'Open' };
  },
};

/** Invoices are numbered by QuickBooks when no DocNumber is sent. */
const nextInvoiceNumber = (ctx: RuleContext): string => {
  const used = ctx.company.all('Invoice').map((i) => Number(i.doc.DocNumber)).filter(Number.isSafeInteger);
  return String(Math.max(1000, ...used) + 1);
};

export const invoiceRules: EntityRules = {
  canDelete: true,
  canVoid: true,
  prepare(ctx, doc, previous) {
    oneOf(doc, 'EmailStatus', ['NotSet', 'NeedToSend', 'EmailSent']);
    if (doc.EmailStatus === 'NeedToSend') requireField(doc, 'BillEmail');
    const out = prepareTxn(ctx, { entity: 'Invoice', party: 'CustomerRef', family: 'sales', hasBalance: true }, doc, previous);
    const dueDate = out.DueDate ?? defaultDueDate(ctx.company, out, { entity: 'Customer', field: 'CustomerRef', termField: 'SalesTermRef' });
    return { ...out, DocNumber: out.DocNumber ?? nextInvoiceNumber(ctx), DueDate: dueDate, EmailStatus: out.EmailStatus ?? 'NotSet' };
  },
  beforeRemove: noPaymentsApplied,
  voided: (doc) => {
    const note = asString(doc.PrivateNote);
    const lines = asDocs(doc.Line).map((line) => ({ ...line, Amount: 0 }));
    return { ...doc, Line: lines, TotalAmt: 0, Balance: 0, PrivateNote: note ? `Voided - ${note}` : 'Voided' };
  },
};

export const estimateRules: EntityRules = {
  canDelete: true,
  canVoid: false,
  prepare(ctx, doc, previous) {
    oneOf(doc, 'TxnStatus', ['Accepted', 'Closed', 'Pending', 'Rejected', 'Converted']);
    const out = prepareTxn(ctx, { entity: 'Estimate', party: 'CustomerRef', family: 'sales', hasBalance: false }, doc, previous);
    return { ...out, TxnStatus: out.TxnStatus ?? 'Pending' };
  },
};
