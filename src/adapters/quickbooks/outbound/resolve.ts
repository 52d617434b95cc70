import type { BooksJobResolved, BooksVendorResolved } from '../../../domain/invoice-sync/invoice-sync.inputs.js';
import type { ResolveJobRequested, ResolveVendorRequested } from '../../../domain/invoice-sync/invoice-sync.outputs.js';
import type { BooksRef } from '../../../domain/shared/books-ref.js';
import type { CallContext, LookupResult, OutboundHandler, OutboundOutcome, OutboundRequest, OutboundResult } from '../../pipeline/outbound/index.js';
import type { QboObject } from '../quickbooks-client.js';
import { callFor, documentStreamOf, isFailure, targetOf, type QuickBooksOutboundDeps } from './deps.js';
import { idOf, invoiceSyncFailure } from './outcomes.js';
import { failureFrom } from './qbo-failure.js';
import { lookupParty, resolveParty, type PartySpec, type Resolved } from './resolve-party.js';

type VendorData = ResolveVendorRequested['data'];
type JobData = ResolveJobRequested['data'];

const DISPLAY_NAME_MAX = 500;

/** A DisplayName QuickBooks accepts: no ':' (its hierarchy separator, facts §2.6), at most 500 characters. */
export const displayName = (name: string, suffix = ''): string =>
  `${name.replace(/\s*:\s*/g, ' - ').replace(/\s+/g, ' ').trim().slice(0, DISPLAY_NAME_MAX - suffix.length)}${suffix}`;

const refOf = (object: QboObject, name: unknown): BooksRef => ({ value: idOf(object), ...(typeof name === 'string' ? { name } : {}) });

/** "Apex Controls Co", then "Apex Controls Co (vendor)" when a customer or employee already has the name. */
export const vendorSpec = (data: VendorData): PartySpec => ({
  entity: 'Vendor',
  label: 'vendor',
  names: [displayName(data.displayName), displayName(data.displayName, ' (vendor)')],
  accepts: () => true,
  body: (name) => ({ DisplayName: name, CompanyName: displayName(data.displayName).slice(0, 100) }),
  mayWrite: data.match === 'lookup-or-create',
});

/** The job under its parent; when the plain name is taken elsewhere, qualified by the parent's name. */
export const jobSpec = (data: JobData): PartySpec => {
  const parent = data.parentCustomerRef;
  return {
    entity: 'Customer',
    label: 'job',
    names: [displayName(data.jobName), displayName(data.jobName, ` (${displayName(parent.name ?? `customer ${parent.value}`)})`)],
    accepts: (object) => (object.ParentRef as { value?: unknown } | undefined)?.value === parent.value,
    body: (name) => ({ DisplayName: name, Job: true, ParentRef: { value: parent.value }, BillWithParent: true }),
    mayWrite: true,
  };
};

const vendorResolved = (data: VendorData, { object, created }: Resolved): OutboundOutcome => ({
  type: 'BooksVendorResolved.v1',
  data: { requestNo: data.requestNo, vendorId: data.vendorId, vendorRef: refOf(object, object.DisplayName), created } satisfies BooksVendorResolved['data'],
});

const jobResolved = (data: JobData, { object, created }: Resolved): OutboundOutcome => ({
  type: 'BooksJobResolved.v1',
  data: { requestNo: data.requestNo, projectId: data.projectId, customerRef: refOf(object, object.FullyQualifiedName ?? object.DisplayName), created } satisfies BooksJobResolved['data'],
});

interface PartyRequest<D> {
  readonly spec: (data: D) => PartySpec;
  readonly outcome: (data: D, resolved: Resolved) => OutboundOutcome;
}

const execute = async <D extends VendorData | JobData>(
  kind: PartyRequest<D>, deps: QuickBooksOutboundDeps, request: OutboundRequest<D>, context: CallContext,
): Promise<OutboundResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const resolved = await resolveParty(call, kind.spec(request.data));
  if ('ok' in resolved) return resolved;
  return { ok: true, outcome: kind.outcome(request.data, resolved), response: resolved.object };
};

/** The same lookup, without writing: an active record is the answer; otherwise execute decides. */
const findExisting = async <D extends VendorData | JobData>(
  kind: PartyRequest<D>, deps: QuickBooksOutboundDeps, request: OutboundRequest<D>, context: CallContext,
): Promise<LookupResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const seen = await lookupParty(call, kind.spec(request.data));
  if (!seen.ok) return failureFrom(seen.error, 'read');
  const match = seen.body.match;
  const outcome = match && match.Active !== false ? kind.outcome(request.data, { object: match, created: false }) : null;
  return { ok: true, outcome, status: seen.status };
};

const partyHandler = <D extends VendorData | JobData>(requestType: string, kind: PartyRequest<D>, deps: QuickBooksOutboundDeps): OutboundHandler<D> => ({
  requestType,
  target: (request) => targetOf(deps, request),
  documentStream: documentStreamOf,
  execute: (request, context) => execute(kind, deps, request, context),
  findExisting: (request, context) => findExisting(kind, deps, request, context),
  failureOutcome: invoiceSyncFailure,
});

export const resolveVendorHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<VendorData> =>
  partyHandler('ResolveVendorRequested.v1', { spec: vendorSpec, outcome: vendorResolved }, deps);

export const resolveJobHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<JobData> =>
  partyHandler('ResolveJobRequested.v1', { spec: jobSpec, outcome: jobResolved }, deps);
