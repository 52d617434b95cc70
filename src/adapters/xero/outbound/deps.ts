import type { BooksCall, BooksFailure } from '../../../domain/books/index.js';
import type { HubWriteLog } from '../../pipeline/outbound/hub-write-log.js';
import { xeroTime, type XeroClient, type XeroObject } from '../xero-client.js';
import { TrackingCache } from './tracking-cache.js';

/** `XeroClients` satisfies this: the connection's Xero client, undefined when its books are elsewhere. */
export interface XeroClientLookup {
  xero(connection: string): XeroClient | undefined;
}

/** How a connection posts to Xero: the status bills are written in and where the Url of each document points. */
export interface XeroPostingOptions {
  /** DRAFT leaves bills for review in Xero; AUTHORISED posts them (the default). */
  readonly documentStatus?: (connection: string) => 'DRAFT' | 'AUTHORISED';
  /** The hub's public address (TRESTLE_PUBLIC_URL): a document's `Url` leads back to it, the hub marker last. */
  readonly publicUrl?: string;
}

export interface XeroOutboundDeps extends XeroPostingOptions {
  readonly clients: XeroClientLookup;
  readonly known: HubWriteLog;
  /** Objects per PUT (Xero recommends ≤ 50, facts §1). */
  readonly batchMaxItems?: number;
  /** Each tenant's tracking categories, shared by every call (one per deps otherwise). */
  readonly tracking?: TrackingCache;
}

/** One call: the connection's client, its key and deadline, and the tenant's tracking categories. */
export interface XeroCall {
  readonly connection: string;
  readonly client: XeroClient;
  readonly known: HubWriteLog;
  readonly idempotencyKey: string;
  readonly signal: AbortSignal;
  readonly tracking: TrackingCache;
  readonly deps: XeroOutboundDeps;
}

const clientOf = (deps: XeroOutboundDeps, connection: string): XeroClient | undefined => {
  try {
    return deps.clients.xero(connection);
  } catch {
    return undefined;
  }
};

/** `xero:{tenantId}`: the per-tenant limits (5 in flight, 60 a minute) are the tenant's. Never throws. */
export const targetFor = (deps: XeroOutboundDeps, connection: string): string =>
  `xero:${clientOf(deps, connection)?.tenantId ?? `unconfigured-${connection}`}`;

const ownCaches = new WeakMap<XeroOutboundDeps, TrackingCache>();

const trackingOf = (deps: XeroOutboundDeps): TrackingCache => {
  if (deps.tracking) return deps.tracking;
  let own = ownCaches.get(deps);
  if (!own) ownCaches.set(deps, (own = new TrackingCache()));
  return own;
};

export const noXero = (connection: string): BooksFailure => ({
  ok: false, kind: 'permanent', code: 'NO_XERO_CONNECTION', message: `connection "${connection}" has no Xero books configured`,
});

export const callFor = (deps: XeroOutboundDeps, { connection, idempotencyKey, signal }: BooksCall): XeroCall | BooksFailure => {
  const client = clientOf(deps, connection);
  if (!client) return noXero(connection);
  return { connection, client, known: deps.known, idempotencyKey, signal, tracking: trackingOf(deps), deps };
};

export const isFailure = (value: XeroCall | BooksFailure): value is BooksFailure => 'ok' in value;

/**
 * The version the hub keeps for a Xero object: its UpdatedDateUTC in epoch milliseconds, the
 * `syncToken` inbound normalises a Xero invoice to, so the echo of a hub write is known as such.
 */
export const versionOf = (object: XeroObject): string => {
  const ms = xeroTime(object.UpdatedDateUTC);
  return ms === undefined ? '' : String(ms);
};

/** Every write is recorded, so inbound knows its echo for the hub's own. */
export const recordWrite = (call: XeroCall, entity: string, id: string, object: XeroObject, deleted = false): Promise<void> =>
  call.known.recordHubWrite(call.connection, 'xero', entity, id, versionOf(object), deleted ? { deleted: true } : {});
