import { Inject, Injectable } from '@nestjs/common';
import type { ConnectionConfig, OAuthAccountingSideConfig, ProcoreSideConfig } from '../../../platform/config/connection.types.js';
import type { HttpClientOptions } from '../../../platform/http/http-client.js';
import type { OAuthGrant } from '../../../platform/oauth/token-endpoint.js';
import { TokenManager } from '../../../platform/oauth/token-manager.js';
import { ProcoreClient } from '../../procore/procore-client.js';
import { QuickBooksClient } from '../../quickbooks/quickbooks-client.js';
import { XeroClient } from '../../xero/xero-client.js';
import { ConnectionsService } from './connections.service.js';
import { InboundMetrics } from './inbound-metrics.js';

/** Test seam: a fetch for every client (and the token endpoint), default global fetch. */
export const SOURCE_FETCH = Symbol('SourceFetch');

export const procoreGrant = (connection: string, side: ProcoreSideConfig): OAuthGrant => ({
  connection, system: 'procore', tokenUrl: side.tokenUrl, clientId: side.clientId, clientSecret: side.clientSecret,
  grant: side.grant, ...(side.refreshToken ? { refreshToken: side.refreshToken } : {}), clientAuth: 'body',
});

/** Intuit and Xero: refresh-token grants, client authenticated with HTTP Basic. */
export const accountingGrant = (connection: string, side: OAuthAccountingSideConfig): OAuthGrant => ({
  connection, system: side.system, tokenUrl: side.tokenUrl, clientId: side.clientId, clientSecret: side.clientSecret,
  grant: 'refresh_token', ...(side.refreshToken ? { refreshToken: side.refreshToken } : {}), clientAuth: 'basic',
});

/**
 * One API client per connection and system, created on first use and kept: each owns its
 * throttle, so pacing is per company / realm / tenant as the APIs meter it.
 */
@Injectable()
export class SourceClients {
  private readonly procoreClients = new Map<string, ProcoreClient>();
  private readonly qboClients = new Map<string, QuickBooksClient>();
  private readonly xeroClients = new Map<string, XeroClient>();

  constructor(
    private readonly connections: ConnectionsService,
    readonly tokens: TokenManager,
    private readonly metrics: InboundMetrics,
    @Inject(SOURCE_FETCH) private readonly fetchImpl: typeof fetch,
  ) {}

  /** The connection's `outbound.timeoutMs` bounds its reads as it bounds its writes. */
  private options(target: string, name: string): Partial<HttpClientOptions> {
    const timeoutMs = this.connection(name).outbound?.timeoutMs;
    return { fetch: this.fetchImpl, onOutcome: this.metrics.apiOutcome(target), ...(timeoutMs === undefined ? {} : { timeoutMs }) };
  }

  private connection(name: string): ConnectionConfig {
    const found = this.connections.get(name);
    if (!found) throw new Error(`unknown connection ${name}`);
    return found;
  }

  procore(name: string): ProcoreClient {
    let client = this.procoreClients.get(name);
    if (!client) {
      const side = this.connection(name).construction;
      client = ProcoreClient.create(side, this.tokens.source(procoreGrant(name, side)), this.options('procore', name));
      this.procoreClients.set(name, client);
    }
    return client;
  }

  /** Undefined when the connection keeps its books in Xero. */
  quickBooks(name: string): QuickBooksClient | undefined {
    const side = this.connection(name).accounting;
    if (side.system !== 'quickbooks') return undefined;
    let client = this.qboClients.get(name);
    if (!client) {
      client = QuickBooksClient.create(side, this.tokens.source(accountingGrant(name, side)), this.options('quickbooks', name));
      this.qboClients.set(name, client);
    }
    return client;
  }

  xero(name: string): XeroClient | undefined {
    const side = this.connection(name).accounting;
    if (side.system !== 'xero') return undefined;
    let client = this.xeroClients.get(name);
    if (!client) {
      client = XeroClient.create(side, this.tokens.source(accountingGrant(name, side)), this.options('xero', name));
      this.xeroClients.set(name, client);
    }
    return client;
  }
}
