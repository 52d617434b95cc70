import { ENTITY_KINDS, ITEM_KINDS } from './list-specs.js';
import {
  type FieldSpec, amt, bool, date, editseq, enumOf, group, guid, id, int, many, price, qty, ref, req, str, txnid,
} from './schema.js';

/**
 * Transaction content models in the schema's element order: BillAdd and InvoiceAdd as in
 * api-facts/qbd.md §5.1/5.2 (qbXML 7.0 order; ExchangeRate and ExternalGUID where later
 * versions put them), the others from the qbXML 13 OSR.
 */
const BILLABLE = enumOf('BillableStatus', ['Billable', 'NotBillable', 'HasBeenBilled']);
const account = (name: string) => ref(name, ['Account']);
const job = ref('CustomerRef', ['Customer']);
const klass = ref('ClassRef', ['Class']);
const item = ref('ItemRef', ITEM_KINDS);
const exchange = [price('ExchangeRate', { since: 8 }), guid('ExternalGUID', { since: 9 })];
const linkToTxn = (kinds: readonly string[]) => group('LinkToTxn', [req(txnid('TxnID', kinds)), req(id('TxnLineID'))]);

const expenseLine = (mod: boolean): FieldSpec[] => [
  ...(mod ? [req(id('TxnLineID'))] : []), account('AccountRef'), amt('Amount'), str('Memo', 4095), job, klass, BILLABLE,
];
const billItemLine = (mod: boolean): FieldSpec[] => [
  ...(mod ? [req(id('TxnLineID'))] : []), item, str('Desc', 4095), qty('Quantity'), str('UnitOfMeasure', 31), price('Cost'), amt('Amount'),
  job, klass, BILLABLE, account('OverrideItemAccountRef'), ...(mod ? [] : [linkToTxn(['PurchaseOrder'])]),
];
const salesLine = (mod: boolean, extra: FieldSpec[] = []): FieldSpec[] => [
  ...(mod ? [req(id('TxnLineID'))] : []), item, str('Desc', 4095), qty('Quantity'), str('UnitOfMeasure', 31), price('Rate'), str('RatePercent', 10),
  klass, amt('Amount'), date('ServiceDate'), ref('SalesTaxCodeRef', ['SalesTaxCode']), bool('IsTaxable'), account('OverrideItemAccountRef'),
  str('Other1', 29), str('Other2', 29), ...extra,
];
const poLine = (mod: boolean): FieldSpec[] => [
  ...(mod ? [req(id('TxnLineID'))] : []), item, str('ManufacturerPartNumber', 31), str('Desc', 4095), qty('Quantity'), str('UnitOfMeasure', 31),
  price('Rate'), klass, amt('Amount'), job, date('ServiceDate'), ...(mod ? [bool('IsManuallyClosed')] : []), account('OverrideItemAccountRef'),
  str('Other1', 29), str('Other2', 29),
];
const appliedTo = group('AppliedToTxnAdd', [
  req(txnid('TxnID', ['Bill', 'Invoice'])), amt('PaymentAmount'),
  many(group('SetCredit', [req(txnid('CreditTxnID', ['VendorCredit', 'CreditMemo'])), req(amt('AppliedAmount'))])),
  amt('DiscountAmount'), account('DiscountAccountRef'),
], { many: true });

const timeFields: FieldSpec[] = [
  date('TxnDate'), req(ref('EntityRef', ['Employee', 'Vendor', 'OtherName'])), job, ref('ItemServiceRef', ['ItemService']),
  req({ name: 'Duration', type: 'duration' }), klass, ref('PayrollItemWageRef', ['PayrollItemWage']), str('Notes', 4095), BILLABLE,
];

/** One transaction type: its Add (and Mod) content, line elements and the entity that owns it. */
export interface TxnSpec {
  readonly kind: string;
  readonly add: readonly FieldSpec[];
  readonly mod?: readonly FieldSpec[];
  /** Line element in the request → line element in the Ret. */
  readonly lines: Readonly<Record<string, string>>;
  /** The ref the EntityFilter of a query matches. */
  readonly entity: string;
}

const billHeader = (mod: boolean): FieldSpec[] => [
  mod ? ref('VendorRef', ['Vendor']) : req(ref('VendorRef', ['Vendor'])), address('VendorAddress', 6), account('APAccountRef'), date('TxnDate'),
  date('DueDate'), str('RefNumber', 20), ref('TermsRef', ['StandardTerms']), str('Memo', 4095), ...(mod ? [price('ExchangeRate', { since: 8 })] : exchange),
];

function address(name: string, since?: number): FieldSpec {
  return group(name, [
    str('Addr1', 41), str('Addr2', 41), str('Addr3', 41), str('Addr4', 41), str('Addr5', 41),
    str('City', 31), str('State', 21), str('PostalCode', 13), str('Country', 31), str('Note', 41),
  ], since === undefined ? {} : { since });
}

const invoiceHeader = (mod: boolean): FieldSpec[] => [
  mod ? job : req(job), klass, account('ARAccountRef'), ref('TemplateRef', ['Template']), date('TxnDate'), str('RefNumber', 11),
  address('BillAddress'), address('ShipAddress'), bool('IsPending'), str('PONumber', 25), ref('TermsRef', ['StandardTerms']), date('DueDate'),
  ref('SalesRepRef', ['SalesRep']), str('FOB', 13), date('ShipDate'), ref('ShipMethodRef', ['ShipMethod']), ref('ItemSalesTaxRef', ['ItemSalesTax']),
  str('Memo', 4095), ref('CustomerMsgRef', ['CustomerMsg']), bool('IsToBePrinted'), bool('IsToBeEmailed'), bool('IsTaxIncluded'),
  ref('CustomerSalesTaxCodeRef', ['SalesTaxCode']), str('Other', 29),
];

const estimateHeader = (mod: boolean): FieldSpec[] => [
  mod ? job : req(job), klass, ref('TemplateRef', ['Template']), date('TxnDate'), str('RefNumber', 11), address('BillAddress'), address('ShipAddress'),
  bool('IsActive'), str('PONumber', 25), ref('TermsRef', ['StandardTerms']), date('DueDate'), ref('SalesRepRef', ['SalesRep']), str('FOB', 13),
  ref('ItemSalesTaxRef', ['ItemSalesTax']), str('Memo', 4095), ref('CustomerMsgRef', ['CustomerMsg']), bool('IsToBeEmailed'), bool('IsTaxIncluded'),
  ref('CustomerSalesTaxCodeRef', ['SalesTaxCode']), str('Other', 29),
];

export const TXN_SPECS: Readonly<Record<string, TxnSpec>> = {
  Bill: {
    kind: 'Bill', entity: 'VendorRef', lines: { ExpenseLineAdd: 'ExpenseLineRet', ItemLineAdd: 'ItemLineRet', ExpenseLineMod: 'ExpenseLineRet', ItemLineMod: 'ItemLineRet' },
    add: [...billHeader(false), many(txnid('LinkToTxnID', ['PurchaseOrder'])), many(group('ExpenseLineAdd', expenseLine(false))), many(group('ItemLineAdd', billItemLine(false)))],
    mod: [
      req(id('TxnID')), req(editseq()), ...billHeader(true), bool('ClearExpenseLines'), many(group('ExpenseLineMod', expenseLine(true))),
      bool('ClearItemLines'), many(group('ItemLineMod', billItemLine(true))),
    ],
  },
  VendorCredit: {
    kind: 'VendorCredit', entity: 'VendorRef', lines: { ExpenseLineAdd: 'ExpenseLineRet', ItemLineAdd: 'ItemLineRet', ExpenseLineMod: 'ExpenseLineRet', ItemLineMod: 'ItemLineRet' },
    add: [
      req(ref('VendorRef', ['Vendor'])), account('APAccountRef'), date('TxnDate'), str('RefNumber', 20), str('Memo', 4095), ...exchange,
      many(group('ExpenseLineAdd', expenseLine(false))), many(group('ItemLineAdd', billItemLine(false))),
    ],
    mod: [
      req(id('TxnID')), req(editseq()), ref('VendorRef', ['Vendor']), account('APAccountRef'), date('TxnDate'), str('RefNumber', 20), str('Memo', 4095),
      price('ExchangeRate', { since: 8 }), bool('ClearExpenseLines'), many(group('ExpenseLineMod', expenseLine(true))),
      bool('ClearItemLines'), many(group('ItemLineMod', billItemLine(true))),
    ],
  },
  PurchaseOrder: {
    kind: 'PurchaseOrder', entity: 'VendorRef', lines: { PurchaseOrderLineAdd: 'PurchaseOrderLineRet', PurchaseOrderLineMod: 'PurchaseOrderLineRet' },
    add: [
      ref('VendorRef', ['Vendor']), klass, ref('ShipToEntityRef', ENTITY_KINDS), date('TxnDate'), str('RefNumber', 11),
      address('VendorAddress'), address('ShipAddress'), ref('TermsRef', ['StandardTerms']), date('DueDate'), date('ExpectedDate'), str('FOB', 13),
      str('Memo', 4095), str('VendorMsg', 99), bool('IsToBePrinted'), bool('IsToBeEmailed'), str('Other1', 25), str('Other2', 25), ...exchange,
      many(group('PurchaseOrderLineAdd', poLine(false))),
    ],
    mod: [
      req(id('TxnID')), req(editseq()), ref('VendorRef', ['Vendor']), klass, ref('ShipToEntityRef', ENTITY_KINDS), date('TxnDate'), str('RefNumber', 11),
      ref('TermsRef', ['StandardTerms']), date('DueDate'), date('ExpectedDate'), str('Memo', 4095), bool('IsManuallyClosed'),
      many(group('PurchaseOrderLineMod', poLine(true))),
    ],
  },
  Invoice: {
    kind: 'Invoice', entity: 'CustomerRef', lines: { InvoiceLineAdd: 'InvoiceLineRet', InvoiceLineMod: 'InvoiceLineRet' },
    add: [...invoiceHeader(false), ...exchange, many(txnid('LinkToTxnID', ['Estimate'])), many(group('InvoiceLineAdd', salesLine(false, [linkToTxn(['Estimate'])])))],
    mod: [req(id('TxnID')), req(editseq()), ...invoiceHeader(true), price('ExchangeRate', { since: 8 }), many(group('InvoiceLineMod', salesLine(true)))],
  },
  Estimate: {
    kind: 'Estimate', entity: 'CustomerRef', lines: { EstimateLineAdd: 'EstimateLineRet', EstimateLineMod: 'EstimateLineRet' },
    add: [...estimateHeader(false), ...exchange, many(group('EstimateLineAdd', salesLine(false)))],
    mod: [req(id('TxnID')), req(editseq()), ...estimateHeader(true), price('ExchangeRate', { since: 8 }), many(group('EstimateLineMod', salesLine(true)))],
  },
  TimeTracking: {
    kind: 'TimeTracking', entity: 'EntityRef', lines: {},
    add: [...timeFields, guid('ExternalGUID', { since: 9 })],
    // TimeTrackingMod (qbXML OSR; not in api-facts/qbd.md): TxnID, EditSequence, then the Add's fields, EntityRef and Duration still required.
    mod: [req(id('TxnID')), req(editseq()), ...timeFields],
  },
  BillPaymentCheck: {
    kind: 'BillPaymentCheck', entity: 'PayeeEntityRef', lines: {},
    add: [
      req(ref('PayeeEntityRef', ENTITY_KINDS)), account('APAccountRef'), date('TxnDate'), req(account('BankAccountRef')), bool('IsToBePrinted'),
      str('RefNumber', 11), str('Memo', 4095), ...exchange, req(appliedTo),
    ],
  },
  // BillPaymentCreditCardAdd (qbd §5.4 names it; order from the qbXML OSR): the card account instead of a bank, no check to print.
  BillPaymentCreditCard: {
    kind: 'BillPaymentCreditCard', entity: 'PayeeEntityRef', lines: {},
    add: [
      req(ref('PayeeEntityRef', ENTITY_KINDS)), account('APAccountRef'), date('TxnDate'), req(account('CreditCardAccountRef')),
      str('RefNumber', 11), str('Memo', 4095), ...exchange, req(appliedTo),
    ],
  },
  ReceivePayment: {
    kind: 'ReceivePayment', entity: 'CustomerRef', lines: {},
    add: [
      req(job), account('ARAccountRef'), date('TxnDate'), str('RefNumber', 20), amt('TotalAmount'), price('ExchangeRate', { since: 8 }),
      ref('PaymentMethodRef', ['PaymentMethod']), str('Memo', 4095), account('DepositToAccountRef'), guid('ExternalGUID', { since: 9 }),
      bool('IsAutoApply'), appliedTo,
    ],
  },
};

const range = (name: string, from: string, to: string): FieldSpec => group(name, [date(from), date(to)]);

/** BillQuery and friends: TxnID* | RefNumber* | RefNumberCaseSensitive* | filters, then Include…, OwnerID*. */
const TXN_QUERY: readonly FieldSpec[] = [
  many(id('TxnID')), many(str('RefNumber', 20)), many(str('RefNumberCaseSensitive', 20)), int('MaxReturned'),
  range('ModifiedDateRangeFilter', 'FromModifiedDate', 'ToModifiedDate'), range('TxnDateRangeFilter', 'FromTxnDate', 'ToTxnDate'),
  group('EntityFilter', [many(id('ListID')), many(str('FullName', 209)), many(id('ListIDWithChildren')), many(str('FullNameWithChildren', 209))]),
  group('AccountFilter', [many(id('ListID')), many(str('FullName', 159)), many(id('ListIDWithChildren')), many(str('FullNameWithChildren', 159))]),
  group('RefNumberFilter', [req(enumOf('MatchCriterion', ['StartsWith', 'Contains', 'EndsWith'])), req(str('RefNumber', 20))]),
  group('RefNumberRangeFilter', [str('FromRefNumber', 20), str('ToRefNumber', 20)]),
  enumOf('PaidStatus', ['All', 'PaidOnly', 'NotPaidOnly']), bool('IncludeLineItems'), bool('IncludeLinkedTxns'),
  many(str('IncludeRetElement', 50)), many(str('OwnerID', 40)),
];

/** The filter naming whose transactions: EntityFilter, except time, whose query names it TimeTrackingEntityFilter (qbXML OSR). */
export const entityFilterOf = (kind: string): string => (kind === 'TimeTracking' ? 'TimeTrackingEntityFilter' : 'EntityFilter');

/** A transaction type's query content. */
export const txnQueryFor = (kind: string): readonly FieldSpec[] => (kind === 'TimeTracking'
  ? TXN_QUERY.map((f) => (f.name === 'EntityFilter' ? { ...f, name: entityFilterOf(kind) } : f))
  : TXN_QUERY);

/** Payments apply to what they pay (AppliedToTxnAdd): bills for bill payments, invoices for received payments. */
export const PAYMENT_KINDS: ReadonlySet<string> = new Set(['BillPaymentCheck', 'BillPaymentCreditCard', 'ReceivePayment']);
export const isBillPayment = (kind: string): boolean => kind === 'BillPaymentCheck' || kind === 'BillPaymentCreditCard';
