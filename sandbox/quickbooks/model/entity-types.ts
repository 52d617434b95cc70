/** The QuickBooks Online entities this simulator serves, by their wire name. */
export const ENTITY_NAMES = [
  'Account', 'Item', 'Class', 'Term', 'Vendor', 'Customer', 'Employee',
  'Bill', 'VendorCredit', 'Invoice', 'PurchaseOrder', 'Estimate', 'TimeActivity', 'BillPayment', 'Payment',
] as const;

export type EntityName = (typeof ENTITY_NAMES)[number];

/** Name-list entities are never deleted, only made inactive (`Active: false`). */
export const NAME_LIST: ReadonlySet<EntityName> = new Set(['Account', 'Item', 'Class', 'Term', 'Vendor', 'Customer', 'Employee']);

/** DisplayName is unique across these three (error 6240). */
export const PARTY_ENTITIES: readonly EntityName[] = ['Vendor', 'Customer', 'Employee'];

/** Void is CONFIRMED for Invoice; Payment and BillPayment follow the documented "Invoice, Payment, BillPayment" list. */
export const VOIDABLE: ReadonlySet<EntityName> = new Set(['Invoice', 'Payment', 'BillPayment']);

/** CDC refuses these (facts §4). */
export const CDC_UNSUPPORTED: ReadonlySet<string> = new Set(['timeactivity', 'journalcode', 'taxagency', 'taxcode', 'taxrate']);

const BY_LOWER = new Map<string, EntityName>(ENTITY_NAMES.map((name) => [name.toLowerCase(), name]));

/** `bill` (URL segment) or `BILL` (query) to `Bill`; undefined for anything unknown. */
export const entityByName = (name: string): EntityName | undefined => BY_LOWER.get(name.toLowerCase());

/** Which entity a reference field points at; fields not listed are not checked (terms, tax codes, currencies). */
export const REF_TARGETS: Readonly<Record<string, EntityName>> = {
  VendorRef: 'Vendor',
  CustomerRef: 'Customer',
  EmployeeRef: 'Employee',
  ItemRef: 'Item',
  ClassRef: 'Class',
  AccountRef: 'Account',
  APAccountRef: 'Account',
  ARAccountRef: 'Account',
  BankAccountRef: 'Account',
  CCAccountRef: 'Account',
  DepositToAccountRef: 'Account',
  IncomeAccountRef: 'Account',
  ExpenseAccountRef: 'Account',
  AssetAccountRef: 'Account',
  DiscountAccountRef: 'Account',
  PrefVendorRef: 'Vendor',
  SalesTermRef: 'Term',
  TermRef: 'Term',
};

/** `LinkedTxn.TxnType` to the entity it names (payment links use their own spelling). */
export const LINKED_TXN_TYPES: Readonly<Record<string, EntityName>> = {
  Bill: 'Bill',
  VendorCredit: 'VendorCredit',
  PurchaseOrder: 'PurchaseOrder',
  Invoice: 'Invoice',
  Estimate: 'Estimate',
  TimeActivity: 'TimeActivity',
  Payment: 'Payment',
  BillPaymentCheck: 'BillPayment',
  BillPaymentCreditCard: 'BillPayment',
};

/** Account types and the classification QuickBooks derives from them. */
export const ACCOUNT_CLASSIFICATION: Readonly<Record<string, string>> = {
  'Bank': 'Asset',
  'Accounts Receivable': 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Other Current Liability': 'Liability',
  'Long Term Liability': 'Liability',
  'Equity': 'Equity',
  'Income': 'Revenue',
  'Other Income': 'Revenue',
  'Expense': 'Expense',
  'Other Expense': 'Expense',
  'Cost of Goods Sold': 'Expense',
};

/** A JSON object as it travels: the simulator stores entities in this shape (money in cents). */
export type Doc = Record<string, unknown>;

export const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

export const asDoc = (value: unknown): Doc | undefined => (isDoc(value) ? value : undefined);

export const asDocs = (value: unknown): Doc[] => (Array.isArray(value) ? value.filter(isDoc) : []);

export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The `value` of a ReferenceType field, if present. */
export const refValue = (doc: Doc | undefined, field: string): string | undefined => asString(asDoc(doc?.[field])?.value);
