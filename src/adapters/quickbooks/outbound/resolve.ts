import type { BooksCall, BooksResult, JobQuery, PartyResolved, VendorQuery } from '../../../domain/books/index.js';
import type { BooksRef } from '../../../domain/shared/books-ref.js';
import type { QboObject } from '../quickbooks-client.js';
import { callFor, isFailure, type QuickBooksOutboundDeps } from './deps.js';
import { failureFrom } from './qbo-failure.js';
import { lookupParty, resolveParty, type PartySpec, type Resolved } from './resolve-party.js';
import { idOf } from './written.js';

const DISPLAY_NAME_MAX = 500;

/** A DisplayName QuickBooks accepts: no ':' (its hierarchy separator, facts §2.6), at most 500 characters. */
export const displayName = (name: string, suffix = ''): string =>
  `${name.replace(/\s*:\s*/g, ' - ').replace(/\s+/g, ' ').trim().slice(0, DISPLAY_NAME_MAX - suffix.length)}${suffix}`;

const refOf = (object: QboObject, name: unknown): BooksRef => ({ value: idOf(object), ...(typeof name === 'string' ? { name } : {}) });

/** "Apex Controls Co", then "Apex Controls Co (vendor)" when a customer or employee already has the name. */
export const vendorSpec = (data: VendorQuery): PartySpec => ({
  entity: 'Vendor',
  label: 'vendor',
  names: [displayName(data.displayName), displayName(data.displayName, ' (vendor)')],
  accepts: () => true,
  body: (name) => ({ DisplayName: name, CompanyName: displayName(data.displayName).slice(0, 100) }),
  mayWrite: data.match === 'lookup-or-create',
});

/** The job under its parent; when the plain name is taken elsewhere, qualified by the parent's name. */
export const jobSpec = (data: JobQuery): PartySpec => {
  const parent = data.parentRef;
  return {
    entity: 'Customer',
    label: 'job',
    names: [displayName(data.jobName), displayName(data.jobName, ` (${displayName(parent.name ?? `customer ${parent.value}`)})`)],
    accepts: (object) => (object.ParentRef as { value?: unknown } | undefined)?.value === parent.value,
    body: (name) => ({ DisplayName: name, Job: true, ParentRef: { value: parent.value }, BillWithParent: true }),
    mayWrite: true,
  };
};

/** A vendor by its DisplayName; a job (Customer:Job) by its FullyQualifiedName, "Parent:Job". */
const vendorResolved = ({ object, created }: Resolved): PartyResolved => ({ ref: refOf(object, object.DisplayName), created });
const jobResolved = ({ object, created }: Resolved): PartyResolved => ({ ref: refOf(object, object.FullyQualifiedName ?? object.DisplayName), created });

/** Found (reactivated if need be) or created under the first usable name. */
const resolveWith = async (deps: QuickBooksOutboundDeps, booksCall: BooksCall, spec: PartySpec, answer: (r: Resolved) => PartyResolved): Promise<BooksResult<PartyResolved>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const resolved = await resolveParty(call, spec);
  if ('ok' in resolved) return resolved;
  return { ok: true, value: answer(resolved), response: resolved.object };
};

/** The same lookup, without writing: an active record is the answer; otherwise a resolve decides. */
const findWith = async (deps: QuickBooksOutboundDeps, booksCall: BooksCall, spec: PartySpec, answer: (r: Resolved) => PartyResolved): Promise<BooksResult<PartyResolved | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const seen = await lookupParty(call, spec);
  if (!seen.ok) return failureFrom(seen.error, 'read');
  const match = seen.body.match;
  return { ok: true, value: match && match.Active !== false ? answer({ object: match, created: false }) : null, status: seen.status };
};

export const resolveVendor = (deps: QuickBooksOutboundDeps, call: BooksCall, query: VendorQuery) => resolveWith(deps, call, vendorSpec(query), vendorResolved);
export const findVendor = (deps: QuickBooksOutboundDeps, call: BooksCall, query: VendorQuery) => findWith(deps, call, vendorSpec(query), vendorResolved);
export const resolveJob = (deps: QuickBooksOutboundDeps, call: BooksCall, query: JobQuery) => resolveWith(deps, call, jobSpec(query), jobResolved);
export const findJob = (deps: QuickBooksOutboundDeps, call: BooksCall, query: JobQuery) => findWith(deps, call, jobSpec(query), jobResolved);
