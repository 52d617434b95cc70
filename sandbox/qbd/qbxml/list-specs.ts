import { type FieldSpec, amt, bool, date, datetime, editseq, enumOf, group, guid, id, int, many, price, ref, req, str } from './schema.js';

/**
 * Request content models for list objects, in the qbXML schema's element order (qbXML 13 OSR;
 * lengths from api-facts/qbd.md §4: Name 41 for names and items, 31 for accounts and classes).
 */
export const ENTITY_KINDS = ['Customer', 'Vendor', 'Employee', 'OtherName'] as const;
export const ITEM_KINDS = ['ItemService', 'ItemNonInventory', 'ItemOtherCharge'] as const;

const address = (name: string): FieldSpec => group(name, [
  str('Addr1', 41), str('Addr2', 41), str('Addr3', 41), str('Addr4', 41), str('Addr5', 41),
  str('City', 31), str('State', 21), str('PostalCode', 13), str('Country', 31), str('Note', 41),
]);

const contact = [
  str('CompanyName', 41), str('Salutation', 15), str('FirstName', 25), str('MiddleName', 5), str('LastName', 25), str('JobTitle', 41),
];

const vendorBody = (mod: boolean): FieldSpec[] => [
  mod ? str('Name', 41) : req(str('Name', 41)), bool('IsActive'), ref('ClassRef', ['Class'], { since: 12 }), bool('IsTaxAgency'), ...contact,
  address('VendorAddress'), address('ShipAddress'), str('Phone', 21), str('AltPhone', 21), str('Fax', 21), str('Email', 1023),
  str('Cc', 1023), str('Contact', 41), str('AltContact', 41), str('NameOnCheck', 41), str('AccountNumber', 99), str('Notes', 4095),
  ref('VendorTypeRef', ['VendorType']), ref('TermsRef', ['StandardTerms']), amt('CreditLimit'), str('VendorTaxIdent', 15),
  bool('IsVendorEligibleFor1099'), ...(mod ? [] : [amt('OpenBalance'), date('OpenBalanceDate')]),
  ...(mod ? [] : [guid('ExternalGUID', { since: 8 })]),
];

const jobFields = [
  enumOf('JobStatus', ['Awarded', 'Closed', 'InProgress', 'None', 'NotAwarded', 'Pending']),
  date('JobStartDate'), date('JobProjectedEndDate'), date('JobEndDate'), str('JobDesc', 99), ref('JobTypeRef', ['JobType']), str('Notes', 4095),
];

const customerBody = (mod: boolean): FieldSpec[] => [
  mod ? str('Name', 41) : req(str('Name', 41)), bool('IsActive'), ref('ClassRef', ['Class'], { since: 12 }), ref('ParentRef', ['Customer']), ...contact,
  address('BillAddress'), address('ShipAddress'), str('Phone', 21), str('AltPhone', 21), str('Fax', 21), str('Email', 1023),
  str('Cc', 1023), str('Contact', 41), str('AltContact', 41), ref('CustomerTypeRef', ['CustomerType']), ref('TermsRef', ['StandardTerms']),
  ref('SalesRepRef', ['SalesRep']), ...(mod ? [] : [amt('OpenBalance'), date('OpenBalanceDate')]), ref('SalesTaxCodeRef', ['SalesTaxCode']),
  str('ResaleNumber', 15), str('AccountNumber', 99), amt('CreditLimit'), ref('PreferredPaymentMethodRef', ['PaymentMethod']), ...jobFields,
  ...(mod ? [] : [guid('ExternalGUID', { since: 8 })]),
];

const ACCOUNT_TYPES = [
  'AccountsPayable', 'AccountsReceivable', 'Bank', 'CostOfGoodsSold', 'CreditCard', 'Equity', 'Expense', 'FixedAsset', 'Income',
  'LongTermLiability', 'NonPosting', 'OtherAsset', 'OtherCurrentAsset', 'OtherCurrentLiability', 'OtherExpense', 'OtherIncome',
] as const;
export type AccountType = typeof ACCOUNT_TYPES[number];

const itemPurchase = [
  group('SalesOrPurchase', [str('Desc', 4095), price('Price'), str('PricePercent', 10), ref('AccountRef', ['Account'])]),
  group('SalesAndPurchase', [
    str('SalesDesc', 4095), price('SalesPrice'), ref('IncomeAccountRef', ['Account']), str('PurchaseDesc', 4095), price('PurchaseCost'),
    ref('ExpenseAccountRef', ['Account']), ref('PrefVendorRef', ['Vendor']),
  ]),
];
const itemBody = (): FieldSpec[] => [
  req(str('Name', 41)), bool('IsActive'), ref('ClassRef', ['Class'], { since: 12 }), ref('ParentRef', ITEM_KINDS),
  ref('SalesTaxCodeRef', ['SalesTaxCode']), ...itemPurchase, guid('ExternalGUID', { since: 8 }),
];

export interface ListSpec {
  readonly kind: string;
  /** Lists searched for a duplicate name: the shared name list for entities (3100). */
  readonly namespace: readonly string[];
  readonly add?: readonly FieldSpec[];
  readonly mod?: readonly FieldSpec[];
  /** Names that also answer a query of this kind (ItemQuery returns every item type). */
  readonly queryKinds: readonly string[];
}

export const LIST_SPECS: Readonly<Record<string, ListSpec>> = {
  Vendor: { kind: 'Vendor', namespace: ENTITY_KINDS, add: vendorBody(false), mod: [req(id('ListID')), req(editseq()), ...vendorBody(true)], queryKinds: ['Vendor'] },
  Customer: { kind: 'Customer', namespace: ENTITY_KINDS, add: customerBody(false), mod: [req(id('ListID')), req(editseq()), ...customerBody(true)], queryKinds: ['Customer'] },
  Employee: {
    kind: 'Employee', namespace: ENTITY_KINDS, queryKinds: ['Employee'],
    add: [str('Salutation', 15), req(str('FirstName', 25)), str('MiddleName', 5), req(str('LastName', 25)), bool('IsActive'), str('Phone', 21), str('Email', 1023)],
  },
  OtherName: { kind: 'OtherName', namespace: ENTITY_KINDS, queryKinds: ['OtherName'], add: [req(str('Name', 41)), bool('IsActive'), str('CompanyName', 41)] },
  Account: {
    kind: 'Account', namespace: ['Account'], queryKinds: ['Account'],
    add: [
      req(str('Name', 31)), bool('IsActive'), ref('ParentRef', ['Account']), req(enumOf('AccountType', ACCOUNT_TYPES)),
      str('AccountNumber', 7), str('BankNumber', 25), str('Desc', 200), amt('OpenBalance'), date('OpenBalanceDate'), int('TaxLineID'),
    ],
  },
  Class: { kind: 'Class', namespace: ['Class'], queryKinds: ['Class'], add: [req(str('Name', 31)), bool('IsActive'), ref('ParentRef', ['Class'])] },
  ItemService: { kind: 'ItemService', namespace: ITEM_KINDS, add: itemBody(), queryKinds: ['ItemService'] },
  ItemNonInventory: { kind: 'ItemNonInventory', namespace: ITEM_KINDS, add: itemBody(), queryKinds: ['ItemNonInventory'] },
  ItemOtherCharge: { kind: 'ItemOtherCharge', namespace: ITEM_KINDS, add: itemBody(), queryKinds: ['ItemOtherCharge'] },
  Item: { kind: 'Item', namespace: ITEM_KINDS, queryKinds: ITEM_KINDS },
  StandardTerms: { kind: 'StandardTerms', namespace: ['StandardTerms'], queryKinds: ['StandardTerms'] },
  PaymentMethod: { kind: 'PaymentMethod', namespace: ['PaymentMethod'], queryKinds: ['PaymentMethod'] },
  SalesTaxCode: { kind: 'SalesTaxCode', namespace: ['SalesTaxCode'], queryKinds: ['SalesTaxCode'] },
};

/** VendorQuery and friends (api-facts/qbd.md §5.3): ListID* | FullName* | filters, then IncludeRetElement*, OwnerID*. */
export const LIST_QUERY: readonly FieldSpec[] = [
  many(id('ListID')), many(str('FullName', 209)), int('MaxReturned'), enumOf('ActiveStatus', ['ActiveOnly', 'InactiveOnly', 'All']),
  datetime('FromModifiedDate'), datetime('ToModifiedDate'),
  group('NameFilter', [req(enumOf('MatchCriterion', ['StartsWith', 'Contains', 'EndsWith'])), req(str('Name', 209))]),
  group('NameRangeFilter', [str('FromName', 209), str('ToName', 209)]),
  many(str('IncludeRetElement', 50)), many(str('OwnerID', 40)),
];
