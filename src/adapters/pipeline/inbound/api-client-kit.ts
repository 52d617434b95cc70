import { Inject, Injectable } from '@nestjs/common';
import type { ConnectionConfig, OAuthAccountingSideConfig } from '../../../platform/config/connection.types.js';
import type { HttpClientOptions } from '../../../platform/http/http-client.js';
import type { OAuthGrant } from '../../../platform/oauth/token-endpoint.js';
import type { TokenSource } from '../../../platform/oauth/oauth-errors.js';
import { TokenManager } from '../../../platform/oauth/token-manager.js';
import { ConnectionsService } from './connections.service.js';
import { InboundMetrics } from './inbound-metrics.js';

/** Test seam: a fetch for every client (and the token endpoint), default global fetch. */
export const SOURCE_FETCH = Symbol('SourceFetch');

/** Books behind OAuth 2 (Intuit, Xero): refresh-token grants, client authenticated with HTTP Basic. */
export const accountingGrant = (connection: string, side: OAuthAccountingSideConfig): OAuthGrant => ({
  connection, system: side.system, tokenUrl: side.tokenUrl, clientId: side.clientId, clientSecret: side.clientSecret,
  grant: 'refresh_token', ...(side.refreshToken ? { refreshToken: side.refreshToken } : {}), clientAuth: 'basic',
});

/**
 * What every system's client registry (`src/adapters/<system>/*-clients.ts`) builds its API
 * clients from, so each system builds its own and the pipeline names none: the connection's
 * config, its OAuth tokens, and the HTTP options every client shares (the test fetch, the
 * API-outcome metrics, the connection's timeout).
 */
@Injectable()
export class ApiClientKit {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly tokens: TokenManager,
    private readonly metrics: InboundMetrics,
    @Inject(SOURCE_FETCH) private readonly fetchImpl: typeof fetch,
  ) {}

  /** Throws for a connection the config does not name (callers treat that as "no client"). */
  connection(name: string): ConnectionConfig {
    const found = this.connections.get(name);
    if (!found) throw new Error(`unknown connection ${name}`);
    return found;
  }

  /** The connection's `outbound.timeoutMs` bounds its reads as it bounds its writes; `target` labels the metrics. */
  httpOptions(target: string, name: string): Partial<HttpClientOptions> {
    const timeoutMs = this.connection(name).outbound?.timeoutMs;
    return { fetch: this.fetchImpl, onOutcome: this.metrics.apiOutcome(target), ...(timeoutMs === undefined ? {} : { timeoutMs }) };
  }

  tokenSource(grant: OAuthGrant): TokenSource {
    return this.tokens.source(grant);
  }
}

/** One client per connection, created on first use and kept: each owns its throttle, so pacing is per company / realm / tenant as the APIs meter it. */
export class PerConnection<T> {
  private readonly clients = new Map<string, T>();

  get(name: string, create: () => T): T {
    let client = this.clients.get(name);
    if (client === undefined) {
      client = create();
      this.clients.set(name, client);
    }
    return client;
  }
}
