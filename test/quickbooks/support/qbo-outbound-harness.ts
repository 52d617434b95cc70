import type { QuickBooksSideConfig } from '../../../src/platform/config/connection.types.js';
import { accountingGrant } from '../../../src/adapters/pipeline/inbound/api-client-kit.js';
import { TokenManager } from '../../../src/platform/oauth/token-manager.js';
import { InMemoryTokenStore } from '../../../src/platform/oauth/token-store.js';
import type { OutboundHandler } from '../../../src/adapters/pipeline/outbound/index.js';
import { quickBooksInvoiceSyncHandlers, type QuickBooksOutboundDeps } from '../../../src/adapters/quickbooks/outbound/index.js';
import { QuickBooksClient } from '../../../src/adapters/quickbooks/quickbooks-client.js';
import {
  SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startQuickBooksSandbox, type QuickBooksSandbox, type QuickBooksSandboxOptions,
} from '../../../sandbox/quickbooks/index.js';
import type { KnownObjects } from '../../../src/adapters/pipeline/inbound/state/inbound-tables.js';
import { knownObjectsBeside } from '../../support/known-objects-db.js';
import { CONNECTION } from './qbo-requests.js';

export * from './qbo-requests.js';

export interface QboOutboundHarness {
  readonly sandbox: QuickBooksSandbox;
  readonly known: KnownObjects;
  readonly deps: QuickBooksOutboundDeps;
  handler<D>(requestType: string): OutboundHandler<D>;
  close(): Promise<void>;
}

/**
 * The QuickBooks sandbox over real HTTP, a QuickBooksClient with the real token manager
 * (tokens from the sandbox's token endpoint), and KnownObjects on a fresh PostgreSQL database.
 */
export const startQboOutbound = async (options: QuickBooksSandboxOptions = {}): Promise<QboOutboundHarness> => {
  const sandbox = await startQuickBooksSandbox(options);
  const { known, close } = await knownObjectsBeside(sandbox);
  try {
    const side: QuickBooksSideConfig = {
      system: 'quickbooks', apiBaseUrl: sandbox.baseUrl, tokenUrl: sandbox.tokenUrl, clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET,
      refreshToken: sandbox.issueTokens().refresh_token, realmId: sandbox.realmId, webhookVerifierToken: 'unused', minorVersion: 75,
    };
    const client = QuickBooksClient.create(side, new TokenManager(new InMemoryTokenStore()).source(accountingGrant(CONNECTION, side)));
    const deps: QuickBooksOutboundDeps = { clients: { quickBooks: (name) => (name === CONNECTION ? client : undefined) }, known };
    const handlers = new Map(quickBooksInvoiceSyncHandlers(deps).map((h) => [h.requestType, h]));
    return {
      sandbox, known, deps,
      handler: <D>(type: string) => handlers.get(type) as OutboundHandler<D>,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
};
