import type { XeroSideConfig } from '../../../src/platform/config/connection.types.js';
import { accountingGrant } from '../../../src/adapters/pipeline/inbound/api-client-kit.js';
import { TokenManager } from '../../../src/platform/oauth/token-manager.js';
import { InMemoryTokenStore } from '../../../src/platform/oauth/token-store.js';
import { XeroClient } from '../../../src/adapters/xero/xero-client.js';
import { XeroBooksPort } from '../../../src/adapters/xero/xero-books-port.js';
import type { XeroOutboundDeps } from '../../../src/adapters/xero/outbound/deps.js';
import { startXeroSandbox, type XeroSandbox, type XeroSandboxOptions } from '../../../sandbox/xero/index.js';
import type { KnownObjects } from '../../../src/adapters/pipeline/inbound/state/inbound-tables.js';
import { knownObjectsBeside } from '../../support/known-objects-db.js';

export const CONNECTION = 'acme';
export const PUBLIC_URL = 'https://trestle.acme.example.com';

export interface XeroPortHarness {
  readonly sandbox: XeroSandbox;
  readonly known: KnownObjects;
  readonly port: XeroBooksPort;
  readonly deps: XeroOutboundDeps;
  close(): Promise<void>;
}

/** The Xero sandbox over real HTTP, a XeroClient with the real token manager, KnownObjects on a fresh database. */
/** `scopes`: what the connection was granted (the sandbox's default Accounting scopes unless given; Projects needs `projects`). */
export const startXeroPort = async (
  options: XeroSandboxOptions = {}, deps: Partial<XeroOutboundDeps> = {}, grant: { readonly scopes?: readonly string[] } = {},
): Promise<XeroPortHarness> => {
  const sandbox = await startXeroSandbox(options);
  const { known, close } = await knownObjectsBeside(sandbox);
  try {
    const side: XeroSideConfig = {
      system: 'xero', apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret,
      refreshToken: (await sandbox.state.issueTokens(grant.scopes ? { scopes: grant.scopes } : {})).refresh_token ?? '', tenantId: sandbox.state.tenantId, webhookKey: 'unused-unused-unused',
    };
    const client = XeroClient.create(side, new TokenManager(new InMemoryTokenStore()).source(accountingGrant(CONNECTION, side)));
    const allDeps: XeroOutboundDeps = { clients: { xero: (name) => (name === CONNECTION ? client : undefined) }, known, publicUrl: PUBLIC_URL, ...deps };
    return {
      sandbox, known, deps: allDeps, port: new XeroBooksPort(allDeps),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
};

export const call = (idempotencyKey: string) => ({ connection: CONNECTION, idempotencyKey, signal: new AbortController().signal });
