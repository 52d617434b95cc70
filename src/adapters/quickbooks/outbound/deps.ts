import type { HubWriteLog } from '../../pipeline/outbound/hub-write-log.js';
import type { BooksCall, BooksFailure } from '../../../domain/books/index.js';
import type { ApiResult } from '../../../platform/http/api-result.js';
import { CompanyPreferences, type ClassTracking } from '../company-preferences.js';
import type { QuickBooksClient } from '../quickbooks-client.js';
import { normaliseQboObject } from '../inbound/normalise-books.js';

/** The object as inbound normalises it, so its baseline and the write's echo compare alike. */
const booksBaseline = (written: Record<string, unknown>, entity: string): unknown => {
  try {
    return normaliseQboObject(written as Parameters<typeof normaliseQboObject>[0], new Date().toISOString(), entity).snapshot;
  } catch {
    return undefined; // an odd response: inbound fetches the echo and takes its baseline then
  }
};

/** `QuickBooksClients` satisfies this: the connection's QuickBooks client, undefined when its books are elsewhere. */
export interface QuickBooksClientLookup {
  quickBooks(connection: string): QuickBooksClient | undefined;
}

export type { HubWriteLog } from '../../pipeline/outbound/hub-write-log.js';

export interface QuickBooksOutboundDeps {
  readonly clients: QuickBooksClientLookup;
  readonly known: HubWriteLog;
  /** Items per batch call: QuickBooks documents both 10 and 30 (facts §5); 10 is safe everywhere. */
  readonly batchMaxItems?: number;
  /** Each realm's class tracking, one cache shared by every handler (PostingModule's); one of its own per deps otherwise. */
  readonly preferences?: CompanyPreferences;
}

/** What one call needs: the connection's client and where its writes are recorded. */
export interface QboCall {
  readonly connection: string;
  readonly client: QuickBooksClient;
  readonly known: HubWriteLog;
  readonly idempotencyKey: string;
  readonly signal: AbortSignal;
  /** Where the company tracks classes (cached per realm): bodies put ClassRef there only. */
  classTracking(): Promise<ApiResult<ClassTracking>>;
}

/** QuickBooksClients throws for a connection it does not know; here that is "no QuickBooks client". */
const clientOf = (deps: QuickBooksOutboundDeps, connection: string): QuickBooksClient | undefined => {
  try {
    return deps.clients.quickBooks(connection);
  } catch {
    return undefined;
  }
};

/**
 * `quickbooks:{realmId}`. A connection without QuickBooks books still gets a key of its own
 * (target() must not throw: the dispatcher calls it before anything else); execute then refuses.
 */
export const targetFor = (deps: QuickBooksOutboundDeps, connection: string): string =>
  `quickbooks:${clientOf(deps, connection)?.realmId ?? `unconfigured-${connection}`}`;

const noClient = (connection: string): BooksFailure => ({
  ok: false, kind: 'permanent', code: 'NO_QUICKBOOKS_CONNECTION',
  message: `connection "${connection}" has no QuickBooks books configured`,
});

/** Deps without a shared cache get one of their own, kept as long as the deps are. */
const ownPreferences = new WeakMap<QuickBooksOutboundDeps, CompanyPreferences>();

const preferencesOf = (deps: QuickBooksOutboundDeps): CompanyPreferences => {
  if (deps.preferences) return deps.preferences;
  let own = ownPreferences.get(deps);
  if (!own) ownPreferences.set(deps, (own = new CompanyPreferences()));
  return own;
};

export const callFor = (deps: QuickBooksOutboundDeps, { connection, idempotencyKey, signal }: BooksCall): QboCall | BooksFailure => {
  const client = clientOf(deps, connection);
  if (!client) return noClient(connection);
  const preferences = preferencesOf(deps);
  return {
    connection, client, known: deps.known, idempotencyKey, signal,
    classTracking: () => preferences.classTracking(client),
  };
};

export const isFailure = (value: QboCall | BooksFailure): value is BooksFailure => 'ok' in value;

/**
 * The inbound side compares versions as QuickBooks SyncTokens. With the written object (the
 * write's response) as the baseline, inbound knows the write's echo by its SyncToken.
 */
export const recordWrite = (call: QboCall, entity: string, id: string, syncToken: string, deleted = false, written?: Record<string, unknown>): Promise<void> => {
  if (deleted || !written) return call.known.recordHubWrite(call.connection, 'quickbooks', entity, id, syncToken, deleted ? { deleted: true } : {});
  return call.known.recordHubWrite(call.connection, 'quickbooks', entity, id, syncToken, { baseline: booksBaseline(written, entity) });
};
