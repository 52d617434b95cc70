import { randomUUID } from 'node:crypto';
import type { ProcoreSideConfig } from '../../../src/platform/config/connection.types.js';
import { procoreGrant } from '../../../src/adapters/procore/procore-clients.js';
import { TokenManager } from '../../../src/platform/oauth/token-manager.js';
import { InMemoryTokenStore } from '../../../src/platform/oauth/token-store.js';
import type { CallContext, OutboundHandler, OutboundRequest } from '../../../src/adapters/pipeline/outbound/index.js';
import { procoreWriteBackHandlers, type ProcoreWriteBackDeps } from '../../../src/adapters/procore/outbound/index.js';
import { ProcoreClient } from '../../../src/adapters/procore/procore-client.js';
import { startProcoreSandbox, type ProcoreSandbox } from '../../../sandbox/procore/index.js';
import type { KnownObjects } from '../../../src/adapters/pipeline/inbound/state/inbound-tables.js';
import { knownObjectsBeside } from '../../support/known-objects-db.js';

/** The connection the requests belong to (the harness gives it a Procore client). */
export const CONNECTION = 'acme';

export interface ProcoreWriteBackHarness {
  readonly sandbox: ProcoreSandbox;
  readonly client: ProcoreClient;
  readonly known: KnownObjects;
  readonly deps: ProcoreWriteBackDeps;
  handler<D>(requestType: string): OutboundHandler<D>;
  close(): Promise<void>;
}

const sideOf = (sandbox: ProcoreSandbox): ProcoreSideConfig => ({
  system: 'procore', apiBaseUrl: sandbox.baseUrl, tokenUrl: `${sandbox.baseUrl}/oauth/token`, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret,
  companyId: String(sandbox.companyId), grant: 'client_credentials', webhookAuthorization: 'unused',
});

/**
 * The Procore sandbox over real HTTP, a ProcoreClient with the real token manager
 * (client credentials from the sandbox's token endpoint), KnownObjects on a fresh database.
 */
export const startProcoreWriteBack = async (): Promise<ProcoreWriteBackHarness> => {
  const sandbox = await startProcoreSandbox();
  const { known, close } = await knownObjectsBeside(sandbox);
  try {
    const client = ProcoreClient.create(sideOf(sandbox), new TokenManager(new InMemoryTokenStore()).source(procoreGrant(CONNECTION, sideOf(sandbox))));
    const deps: ProcoreWriteBackDeps = {
      clients: { procore: (name) => { if (name !== CONNECTION) throw new Error(`unknown connection ${name}`); return client; } },
      known,
    };
    const handlers = new Map(procoreWriteBackHandlers(deps).map((h) => [h.requestType, h]));
    return {
      sandbox, client, known, deps,
      handler: <D>(type: string) => handlers.get(type) as OutboundHandler<D>,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
};

/** A request as the dispatcher hands it over: a recorded event of the payment saga's stream. */
export const requestOf = <D>(type: string, data: D, connection = CONNECTION): OutboundRequest<D> => ({
  id: randomUUID(), type, streamName: `${connection}.saga.payment_writeback-bill_payment-test`, revision: 0, position: { commit: 1n, prepare: 1n }, data,
  metadata: { correlationId: 'corr', causationId: null, connection, source: 'hub', schemaVersion: 1, recordedAt: new Date().toISOString() },
});

export const contextOf = (request: OutboundRequest, attempt = 1): CallContext => ({ idempotencyKey: request.id, attempt, signal: new AbortController().signal });
