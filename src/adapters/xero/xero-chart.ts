import type { BooksChart, ChartEntry, TrackingCategoryEntry } from '../../domain/mapping/index.js';
import type { ApiResult } from '../../platform/http/api-result.js';
import type { XeroClient } from './xero-client.js';

/**
 * A Xero organisation's chart as `mapping check` reads it (accounting facts §5, §6, and the
 * TaxRates/Accounts statuses ACTIVE, ARCHIVED, DELETED): what rules can name, inactive ones
 * kept with Xero's word for them so the check says "archived" rather than "does not exist".
 * - accounts by **AccountCode** (what a Xero rule names; accounts without a code, some bank
 *   accounts, cannot be named and are left out);
 * - classes: every tracking option by TrackingOptionID, named by the option; an option of
 *   an archived category is as archived as its category; trackingCategories say which is whose;
 * - customers: contacts by ContactID (a job's owner);
 * - taxRates by TaxType;
 * - items by **Code** (what a rule's `item` names as a line's ItemCode): an item that is not
 *   purchased is inactive ("not purchased"), since bills are where rules put items.
 */
type Row = Readonly<Record<string, unknown>>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** ACTIVE is active; any other status (ARCHIVED, DELETED, PENDING, GDPRREQUEST) is inactive, in Xero's word. */
const entry = (id: string, name: string, status: unknown): ChartEntry => {
  const state = str(status).toUpperCase();
  return state === '' || state === 'ACTIVE' ? { id, name, active: true } : { id, name, active: false, status: state.toLowerCase() };
};

const rows = (result: ApiResult<Record<string, unknown>>, collection: string): ApiResult<Row[]> => {
  if (!result.ok) return result;
  const items = result.body[collection];
  return Array.isArray(items)
    ? { ...result, body: items as Row[] }
    : { ok: false, error: { kind: 'invalid_response', message: `/${collection}: no ${collection} list`, retryable: false } };
};

const trackingEntry = (category: Row): TrackingCategoryEntry => {
  const own = entry(str(category.TrackingCategoryID), str(category.Name), category.Status);
  const options = (Array.isArray(category.Options) ? category.Options as Row[] : []).map((o) => {
    const option = entry(str(o.TrackingOptionID), str(o.Name), o.Status);
    return own.active === false && option.active !== false ? { ...option, active: false, status: own.status ?? 'archived' } : option;
  });
  return { ...own, options };
};

/** An item by its Code; one Xero does not buy cannot go on a bill (Xero: IsPurchased). */
const itemEntry = (item: Row): ChartEntry => {
  const code = str(item.Code);
  const name = str(item.Name) || code;
  return item.IsPurchased === false ? { id: code, name, active: false, status: 'not purchased' } : { id: code, name, active: true };
};

const CONTACT_PAGE = 100;

/** Every contact, archived ones too (GET /Contacts hides them unless includeArchived=true). */
const allContacts = async (client: XeroClient): Promise<ApiResult<Row[]>> => {
  const all: Row[] = [];
  for (let page = 1; ; page++) {
    const result = rows(await client.http.get('/Contacts', { query: { includeArchived: 'true', page, pageSize: CONTACT_PAGE } }), 'Contacts');
    if (!result.ok) return result;
    all.push(...result.body);
    if (result.body.length < CONTACT_PAGE) return { ...result, body: all };
  }
};

/** Reads the chart, or says which part could not be read (the caller's error names the connection). */
export const readXeroChart = async (client: XeroClient): Promise<ApiResult<BooksChart>> => {
  const [accounts, tracking, taxRates, contacts, items] = await Promise.all([
    client.http.get<Record<string, unknown>>('/Accounts').then((r) => rows(r, 'Accounts')),
    client.http.get<Record<string, unknown>>('/TrackingCategories', { query: { includeArchived: 'true' } }).then((r) => rows(r, 'TrackingCategories')),
    client.http.get<Record<string, unknown>>('/TaxRates').then((r) => rows(r, 'TaxRates')),
    allContacts(client),
    client.http.get<Record<string, unknown>>('/Items').then((r) => rows(r, 'Items')),
  ]);
  if (!accounts.ok) return accounts;
  if (!tracking.ok) return tracking;
  if (!taxRates.ok) return taxRates;
  if (!contacts.ok) return contacts;
  if (!items.ok) return items;
  const categories = tracking.body.map(trackingEntry);
  return {
    ...accounts,
    body: {
      accounts: accounts.body.filter((a) => str(a.Code) !== '').map((a) => entry(str(a.Code), str(a.Name), a.Status)),
      items: items.body.map(itemEntry),
      classes: categories.flatMap((c) => c.options),
      customers: contacts.body.map((c) => entry(str(c.ContactID), str(c.Name), c.ContactStatus)),
      taxRates: taxRates.body.map((t) => entry(str(t.TaxType), str(t.Name), t.Status)),
      trackingCategories: categories,
      // Owner invoices post progress and retainage lines to account codes (Xero has no retainage item).
      ownerBillingRefs: 'accounts',
    },
  };
};
