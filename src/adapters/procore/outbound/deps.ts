import type { CallContext, OutboundFailure, OutboundRequest } from '../../pipeline/outbound/index.js';
import type { HubWriteLog } from '../../pipeline/outbound/hub-write-log.js';
import type { ProcoreClient } from '../procore-client.js';

/** `ProcoreClients` satisfies this: the connection's Procore client (it throws for an unknown connection). */
export interface ProcoreClientLookup {
  procore(connection: string): ProcoreClient;
}

export interface ProcoreWriteBackDeps {
  readonly clients: ProcoreClientLookup;
  /** `KnownObjects`: every write the hub makes, recorded as the hub's. */
  readonly known: HubWriteLog;
}

/** What one call needs: the connection's client and where its writes are recorded. */
export interface ProcoreCall {
  readonly connection: string;
  readonly client: ProcoreClient;
  readonly known: HubWriteLog;
  readonly signal: AbortSignal;
}

const connectionOf = (request: OutboundRequest): string => request.metadata.connection ?? '';

const clientOf = (deps: ProcoreWriteBackDeps, connection: string): ProcoreClient | undefined => {
  try {
    return deps.clients.procore(connection);
  } catch {
    return undefined;
  }
};

/**
 * `procore:{companyId}`: the dispatcher's Procore limits, per company as Procore meters.
 * An unknown connection still gets a key of its own (target() must not throw); execute refuses it.
 */
export const targetOf = (deps: ProcoreWriteBackDeps, request: OutboundRequest): string => {
  const connection = connectionOf(request);
  return `procore:${clientOf(deps, connection)?.companyId ?? `unconfigured-${connection}`}`;
};

export const callFor = (deps: ProcoreWriteBackDeps, request: OutboundRequest, context: Pick<CallContext, 'signal'>): ProcoreCall | OutboundFailure => {
  const connection = connectionOf(request);
  const client = clientOf(deps, connection);
  if (!client) return { ok: false, kind: 'permanent', code: 'NO_PROCORE_CONNECTION', message: `connection "${connection}" has no Procore company configured` };
  return { connection, client, known: deps.known, signal: context.signal };
};

export const isFailure = (value: ProcoreCall | OutboundFailure): value is OutboundFailure => 'ok' in value;

/** Procore has no SyncToken: a payment's version is its `updated_at`. */
export const recordPaymentWrite = (call: ProcoreCall, id: string, updatedAt: unknown, deleted = false): Promise<void> =>
  call.known.recordHubWrite(call.connection, 'procore', 'contract_payment', id, String(updatedAt ?? ''), deleted ? { deleted: true } : {});
