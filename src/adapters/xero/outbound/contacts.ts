import type { BooksCall, BooksResult, PartyResolved, VendorQuery } from '../../../domain/books/index.js';
import type { ApiResult } from '../../../platform/http/api-result.js';
import type { XeroObject } from '../xero-client.js';
import { callFor, isFailure, recordWrite, type XeroCall, type XeroOutboundDeps } from './deps.js';
import { abandoned, failureFrom, objectRefused, permanent } from './xero-failure.js';
import { derivedKey, hasErrors, quoted, writeObjects } from './xero-writes.js';
import { validationMessages } from './xero-failure.js';

const NAME_MAX = 255;
const NUMBER_MAX = 50;

/** The hub's id for a Procore vendor in Xero's API-only ContactNumber (max 50, facts §6). */
export const vendorContactNumber = (vendorId: string): string => `procore-vendor-${vendorId}`.slice(0, NUMBER_MAX);

const contactName = (name: string, suffix = ''): string => `${name.replace(/\s+/g, ' ').trim().slice(0, NAME_MAX - suffix.length)}${suffix}`;

/** "Apex Controls Co", then "Apex Controls Co (vendor)" when another party holds the plain name. */
export const vendorNames = (query: VendorQuery): string[] => [contactName(query.displayName), contactName(query.displayName, ' (vendor)')];

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const idOf = (contact: XeroObject): string => text(contact.ContactID);

interface Sighting {
  readonly match?: XeroObject;
  /** Names held by active contacts that are some other party (another ContactNumber). */
  readonly taken: readonly string[];
}

const listWhere = (call: XeroCall, where: string) => call.client.list('Contacts', { where, includeArchived: 'true' });

/**
 * By ContactNumber first (the hub's own link), then by each name. A contact with the name and
 * no ContactNumber is this vendor entered by hand: used, never duplicated. One with another
 * ContactNumber belongs to another party: its name is taken (QuickBooks' 6240).
 */
export const lookupVendor = async (call: XeroCall, query: VendorQuery): Promise<ApiResult<Sighting>> => {
  const number = vendorContactNumber(query.vendorId);
  const byNumber = await listWhere(call, `ContactNumber==${quoted(number)}`);
  if (!byNumber.ok) return byNumber;
  const linked = byNumber.body.find((c) => c.ContactStatus === 'ACTIVE') ?? byNumber.body[0];
  if (linked) return { ...byNumber, body: { match: linked, taken: [] } };
  const taken: string[] = [];
  for (const name of vendorNames(query)) {
    const byName = await listWhere(call, `Name==${quoted(name)}`);
    if (!byName.ok) return byName;
    const active = byName.body.filter((c) => c.ContactStatus === 'ACTIVE');
    const free = active.find((c) => text(c.ContactNumber) === '' || text(c.ContactNumber) === number);
    if (free) return { ...byName, body: { match: free, taken } };
    if (active.length > 0) taken.push(name);
  }
  return { ok: true, status: 200, headers: new Headers(), body: { taken } };
};

const resolved = (contact: XeroObject, created: boolean): PartyResolved => ({ ref: { value: idOf(contact), name: text(contact.Name) }, created });

const reactivate = async (call: XeroCall, contact: XeroObject): Promise<BooksResult<PartyResolved>> => {
  const id = idOf(contact);
  const written = await writeObjects(call, 'POST', 'Contacts', [{ ContactID: id, ContactStatus: 'ACTIVE' }], derivedKey(call.idempotencyKey, 'reactivate', id));
  if (!written.ok) return failureFrom(written.error, 'write');
  const [echo] = written.body;
  if (hasErrors(echo!)) return objectRefused(echo!, `contact "${text(contact.Name)}" (archived; make it active again)`);
  await recordWrite(call, 'Contact', id, echo!);
  return { ok: true, value: resolved(echo!, false), status: written.status, response: echo };
};

const isNameTaken = (object: XeroObject): boolean => validationMessages(object).some((m) => /already assigned to another contact/i.test(m));

/** Creates under the first free name; a name taken meanwhile (another request, a person) means looking again. */
const create = async (call: XeroCall, query: VendorQuery, taken: readonly string[]): Promise<BooksResult<PartyResolved>> => {
  for (const [n, name] of vendorNames(query).entries()) {
    if (taken.includes(name)) continue;
    const key = n === 0 ? call.idempotencyKey : derivedKey(call.idempotencyKey, 'name', name);
    const written = await writeObjects(call, 'PUT', 'Contacts', [{ Name: name, ContactNumber: vendorContactNumber(query.vendorId) }], key);
    if (!written.ok) return failureFrom(written.error, 'write');
    const [echo] = written.body;
    if (!hasErrors(echo!)) {
      await recordWrite(call, 'Contact', idOf(echo!), echo!);
      return { ok: true, value: resolved(echo!, true), status: written.status, response: echo };
    }
    if (!isNameTaken(echo!)) return objectRefused(echo!, `contact "${name}"`);
    if (call.signal.aborted) return abandoned();
    const again = await lookupVendor(call, query);
    if (!again.ok) return failureFrom(again.error, 'read');
    if (again.body.match) return { ok: true, value: resolved(again.body.match, false) };
  }
  const names = vendorNames(query).map((n) => `"${n}"`).join(' and ');
  return permanent('NAME_TAKEN', `${names} are taken in Xero by other contacts: rename one, or give the vendor's contact the ContactNumber ${vendorContactNumber(query.vendorId)}`);
};

export const resolveVendor = async (deps: XeroOutboundDeps, booksCall: BooksCall, query: VendorQuery): Promise<BooksResult<PartyResolved>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const seen = await lookupVendor(call, query);
  if (!seen.ok) return failureFrom(seen.error, 'read');
  const match = seen.body.match;
  const mayWrite = query.match === 'lookup-or-create';
  if (match && match.ContactStatus === 'ACTIVE') return { ok: true, value: resolved(match, false), status: seen.status };
  if (match) {
    return mayWrite ? reactivate(call, match) : permanent('ARCHIVED', `the contact "${text(match.Name)}" is archived in Xero: restore it`);
  }
  if (!mayWrite) return permanent('NOT_FOUND', `no contact named "${vendorNames(query)[0]}" in Xero, and this connection only looks vendors up: create it in Xero`);
  return create(call, query, seen.body.taken);
};

/** The lookup alone: an active contact is the answer; otherwise a resolve decides. */
export const findVendor = async (deps: XeroOutboundDeps, booksCall: BooksCall, query: VendorQuery): Promise<BooksResult<PartyResolved | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const seen = await lookupVendor(call, query);
  if (!seen.ok) return failureFrom(seen.error, 'read');
  const match = seen.body.match;
  return { ok: true, value: match && match.ContactStatus === 'ACTIVE' ? resolved(match, false) : null, status: seen.status };
};
