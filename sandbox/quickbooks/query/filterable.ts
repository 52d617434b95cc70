import type { EntityName } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';

/**
 * The properties QuickBooks marks "filterable" per entity (facts §3): ids, metadata times,
 * the transaction's number, date, party and amounts, a name-list record's names and flags.
 * Free text (PrivateNote, Memo, a line's Description) is on none of them: a WHERE or ORDERBY
 * on anything not listed for the entity is refused with 4001, as QuickBooks refuses it.
 */
const ALWAYS = ['Id', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'];
const NAMES = ['Name', 'FullyQualifiedName', 'Active', 'ParentRef'];
const PEOPLE = ['DisplayName', 'CompanyName', 'GivenName', 'FamilyName', 'Active'];
const TXN = ['DocNumber', 'TxnDate', 'TotalAmt'];

const BY_ENTITY: Readonly<Record<EntityName, readonly string[]>> = {
  Account: [...NAMES, 'AccountType', 'AccountSubType', 'Classification', 'AcctNum', 'SubAccount'],
  Item: [...NAMES, 'Type', 'Sku'],
  Class: [...NAMES, 'SubClass'],
  Term: ['Name', 'Active', 'Type', 'DueDays'],
  Vendor: [...PEOPLE, 'Vendor1099', 'Balance'],
  Customer: [...PEOPLE, 'FullyQualifiedName', 'Job', 'ParentRef', 'Level', 'IsProject', 'Balance'],
  Employee: PEOPLE,
  Bill: [...TXN, 'DueDate', 'VendorRef', 'APAccountRef', 'Balance'],
  VendorCredit: [...TXN, 'VendorRef', 'APAccountRef', 'Balance'],
  PurchaseOrder: [...TXN, 'DueDate', 'VendorRef', 'APAccountRef', 'POStatus'],
  Invoice: [...TXN, 'DueDate', 'CustomerRef', 'Balance', 'EmailStatus'],
  Estimate: [...TXN, 'CustomerRef', 'TxnStatus', 'EmailStatus'],
  // No DocNumber and no amount of its own: found by its date and whom it is for.
  TimeActivity: ['TxnDate', 'NameOf', 'EmployeeRef', 'VendorRef', 'CustomerRef', 'BillableStatus'],
  BillPayment: [...TXN, 'VendorRef', 'PayType'],
  Payment: [...TXN, 'CustomerRef', 'UnappliedAmt'],
};

const CANONICAL: ReadonlyMap<EntityName, ReadonlyMap<string, string>> = new Map(
  (Object.entries(BY_ENTITY) as Array<[EntityName, readonly string[]]>)
    .map(([entity, props]) => [entity, new Map([...ALWAYS, ...props].map((p) => [p.toLowerCase(), p]))]),
);

/** The property's canonical spelling (names are case-insensitive); 4001 when the entity does not filter on it. */
export const filterableProperty = (entity: EntityName, prop: string): string => {
  const found = CANONICAL.get(entity)?.get(prop.toLowerCase());
  if (!found) throw errors.queryInvalid(`property '${prop}' is not queryable`);
  return found;
};
