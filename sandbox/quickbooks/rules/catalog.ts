import { ACCOUNT_CLASSIFICATION, asString, type Doc } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';
import { USD, checkReferences, maxLength, oneOf, requireField, selfId } from './common.js';
import type { EntityRules } from './context.js';
import { placeUnder, refuseColon, uniqueWithin } from './hierarchy.js';

/** A few sub-types, so an account created with AccountSubType alone gets its AccountType. */
const SUBTYPE_TO_TYPE: Readonly<Record<string, string>> = {
  Checking: 'Bank',
  AccountsPayable: 'Accounts Payable',
  AccountsReceivable: 'Accounts Receivable',
  OtherCurrentLiabilities: 'Other Current Liability',
  OtherCurrentAssets: 'Other Current Asset',
  CostOfLaborCos: 'Cost of Goods Sold',
  SuppliesMaterialsCogs: 'Cost of Goods Sold',
  OtherCostsOfServiceCos: 'Cost of Goods Sold',
  ServiceFeeIncome: 'Income',
  OtherMiscellaneousServiceCost: 'Expense',
};

const TYPE_TO_SUBTYPE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SUBTYPE_TO_TYPE).map(([sub, type]) => [type, sub]),
);

const accountType = (doc: Doc): string => {
  const type = asString(doc.AccountType) ?? SUBTYPE_TO_TYPE[asString(doc.AccountSubType) ?? ''];
  if (doc.AccountType === undefined && doc.AccountSubType === undefined) throw errors.accountTypeMissing();
  if (!type || !ACCOUNT_CLASSIFICATION[type]) throw errors.enumeration('AccountType', String(doc.AccountType ?? doc.AccountSubType));
  return type;
};

export const accountRules: EntityRules = {
  canDelete: false,
  canVoid: false,
  prepare(ctx, doc, previous) {
    requireField(doc, 'Name');
    maxLength(doc, 'Name', 100);
    maxLength(doc, 'Description', 100);
    refuseColon(doc, 'Name', true);
    refuseColon(doc, 'AcctNum');
    const type = accountType(doc);
    const place = placeUnder(ctx, 'Account', doc, String(doc.Name), selfId(previous));
    uniqueWithin(ctx, 'Account', place.FullyQualifiedName, selfId(previous));
    checkReferences(ctx.company, doc);
    return {
      ...doc,
      AccountType: type,
      AccountSubType: doc.AccountSubType ?? TYPE_TO_SUBTYPE[type] ?? type.replace(/ /g, ''),
      Classification: ACCOUNT_CLASSIFICATION[type],
      SubAccount: place.parentId !== undefined,
      FullyQualifiedName: place.FullyQualifiedName,
      Active: doc.Active ?? true,
      CurrentBalance: 0,
      CurrentBalanceWithSubAccounts: 0,
      CurrencyRef: doc.CurrencyRef ?? USD,
    };
  },
};

const ITEM_TYPES = ['Service', 'NonInventory', 'Inventory', 'Category', 'Group'] as const;

/** Sales/purchase items need an income or expense account; inventory needs its asset account too. */
const itemAccounts = (doc: Doc, type: string): void => {
  if (type === 'Category' || type === 'Group') return;
  if (type === 'Inventory') {
    for (const field of ['IncomeAccountRef', 'ExpenseAccountRef', 'AssetAccountRef', 'QtyOnHand', 'InvStartDate']) requireField(doc, field);
    return;
  }
  if (doc.IncomeAccountRef === undefined && doc.ExpenseAccountRef === undefined) throw errors.required('IncomeAccountRef');
};

export const itemRules: EntityRules = {
  canDelete: false,
  canVoid: false,
  prepare(ctx, doc, previous) {
    requireField(doc, 'Name');
    maxLength(doc, 'Name', 100);
    refuseColon(doc, 'Name');
    oneOf(doc, 'Type', ITEM_TYPES);
    const type = asString(doc.Type) ?? 'Service';
    itemAccounts(doc, type);
    const place = placeUnder(ctx, 'Item', doc, String(doc.Name), selfId(previous));
    uniqueWithin(ctx, 'Item', place.FullyQualifiedName, selfId(previous));
    checkReferences(ctx.company, doc);
    return {
      ...doc,
      Type: type,
      FullyQualifiedName: place.FullyQualifiedName,
      Level: place.Level,
      SubItem: place.parentId !== undefined,
      Active: doc.Active ?? true,
      Taxable: doc.Taxable ?? false,
    };
  },
};

/** Class = cost code or division; ClassRef on lines is honoured (ClassTrackingPerLine is on). */
export const classRules: EntityRules = {
  canDelete: false,
  canVoid: false,
  prepare(ctx, doc, previous) {
    requireField(doc, 'Name');
    maxLength(doc, 'Name', 100);
    refuseColon(doc, 'Name');
    const place = placeUnder(ctx, 'Class', doc, String(doc.Name), selfId(previous));
    uniqueWithin(ctx, 'Class', place.FullyQualifiedName, selfId(previous));
    return {
      ...doc,
      SubClass: place.parentId !== undefined,
      FullyQualifiedName: place.FullyQualifiedName,
      Level: place.Level,
      Active: doc.Active ?? true,
    };
  },
};
