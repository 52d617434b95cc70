import type { ApiResult } from '../../../platform/http/api-result.js';
import type { OutboundFailure } from '../../pipeline/outbound/index.js';
import type { QboObject } from '../quickbooks-client.js';
import { recordWrite, type QboCall } from './deps.js';
import { idOf, syncTokenOf } from './written.js';
import { byId, derivedRequestId, queryEntities, quote, withCurrentSyncToken, writeEntity } from './qbo-calls.js';
import { abandoned, failureFrom, faultCode, permanent } from './qbo-failure.js';

/** How to find or make one name-list record (a vendor, a job sub-customer). */
export interface PartySpec {
  readonly entity: 'Vendor' | 'Customer';
  /** For messages: "vendor", "job". */
  readonly label: string;
  /** DisplayNames in order of preference: the plain name, then one that cannot clash with other kinds of party. */
  readonly names: readonly string[];
  /** Whether a record with one of the names is the one sought (a job must sit under its parent). */
  readonly accepts: (object: QboObject) => boolean;
  readonly body: (displayName: string) => Record<string, unknown>;
  /** False: look up only, never create or reactivate. */
  readonly mayWrite: boolean;
}

export interface Resolved {
  readonly object: QboObject;
  readonly created: boolean;
}

interface Sighting {
  readonly match?: QboObject;
  /** Names held by records of the same entity that are not the one sought (another parent's job). */
  readonly taken: readonly string[];
}

/** QuickBooks compares DisplayNames without regard to case (its 6240 check does). */
const sameName = (a: unknown, b: string): boolean => typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

/** One query for all the names, inactive records included: their names stay reserved (facts §2.6). */
export const lookupParty = async (call: QboCall, spec: PartySpec): Promise<ApiResult<Sighting>> => {
  const names = spec.names.map(quote).join(', ');
  const result = await queryEntities(call.client, spec.entity, `DisplayName IN (${names}) AND Active IN (true, false)`);
  if (!result.ok) return result;
  const activeFirst = (a: QboObject, b: QboObject) => Number(a.Active === false) - Number(b.Active === false) || byId(a, b);
  for (const name of spec.names) {
    const match = result.body.filter((o) => sameName(o.DisplayName, name) && spec.accepts(o)).sort(activeFirst)[0];
    if (match) return { ...result, body: { match, taken: [] } };
  }
  return { ...result, body: { taken: spec.names.filter((name) => result.body.some((o) => sameName(o.DisplayName, name))) } };
};

/** An inactive record can't be referenced (2500) and keeps its name reserved: make it active again. */
const reactivate = async (call: QboCall, spec: PartySpec, object: QboObject): Promise<Resolved | OutboundFailure> => {
  const id = idOf(object);
  const own = { ...call, idempotencyKey: derivedRequestId(call.idempotencyKey, 'reactivate', id) };
  const result = await withCurrentSyncToken(own, spec.entity, id, syncTokenOf(object),
    (syncToken, requestId) => writeEntity(call.client, spec.entity, { Id: id, SyncToken: syncToken, sparse: true, Active: true }, { requestId }));
  if (!result.ok) return failureFrom(result.error, 'write');
  await recordWrite(call, spec.entity, id, syncTokenOf(result.body));
  return { object: result.body, created: false };
};

const useExisting = (call: QboCall, spec: PartySpec, object: QboObject): Promise<Resolved | OutboundFailure> | Resolved | OutboundFailure => {
  if (object.Active !== false) return { object, created: false };
  if (spec.mayWrite) return reactivate(call, spec, object);
  return permanent('INACTIVE', `the ${spec.label} "${String(object.DisplayName)}" (${idOf(object)}) is inactive in QuickBooks: make it active again`);
};

/**
 * Creates under the first usable name. 6240 means a Customer, Vendor or Employee holds the
 * name: look again (a concurrent request may just have created the very record sought) and
 * otherwise go on to the next name, so a name taken by a customer never ends in a duplicate.
 */
const createParty = async (call: QboCall, spec: PartySpec, taken: readonly string[]): Promise<Resolved | OutboundFailure> => {
  for (const [n, name] of spec.names.entries()) {
    if (taken.some((t) => sameName(t, name))) continue;
    const requestId = n === 0 ? call.idempotencyKey : derivedRequestId(call.idempotencyKey, 'name', name);
    const result = await writeEntity(call.client, spec.entity, spec.body(name), { requestId });
    if (result.ok) {
      await recordWrite(call, spec.entity, idOf(result.body), syncTokenOf(result.body));
      return { object: result.body, created: true };
    }
    if (faultCode(result.error) !== '6240') return failureFrom(result.error, 'write');
    if (call.signal.aborted) return abandoned();
    const again = await lookupParty(call, spec);
    if (!again.ok) return failureFrom(again.error, 'read');
    if (again.body.match) return useExisting(call, spec, again.body.match);
  }
  const names = spec.names.map((n) => `"${n}"`).join(' and ');
  return permanent('6240', `${names} are taken in QuickBooks by other customers, vendors or employees: rename one, or link the ${spec.label} by hand`);
};

/** Found (reactivated if need be) or created; never a second record for the same party. */
export const resolveParty = async (call: QboCall, spec: PartySpec): Promise<Resolved | OutboundFailure> => {
  const seen = await lookupParty(call, spec);
  if (!seen.ok) return failureFrom(seen.error, 'read');
  if (seen.body.match) return useExisting(call, spec, seen.body.match);
  if (!spec.mayWrite) {
    return permanent('NOT_FOUND', `no ${spec.label} named "${spec.names[0] ?? ''}" in QuickBooks, and this connection only looks ${spec.label}s up: create it in QuickBooks`);
  }
  return createParty(call, spec, seen.body.taken);
};
