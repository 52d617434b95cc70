import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import pg from 'pg';
import type { HubEnv } from '../../../platform/config/env.js';
import { SubscriptionsService } from '../../../platform/subscriptions/subscriptions.service.js';
import { surviveConnectionLoss } from '../../../platform/postgres/connection-loss.js';
import { HUB_ENV, STORAGE, TOKEN_POOL } from '../../../platform/tokens.js';
import type { StorageBackends } from '../../eventstore/open-event-store.js';
import { resolveTokenCipher, TokenCipher } from '../../../platform/oauth/token-cipher.js';
import { TokenManager } from '../../../platform/oauth/token-manager.js';
import { PostgresTokenStore } from '../../../platform/oauth/token-store.js';
import { ConnectionsService, TRESTLE_CONFIG } from './connections.service.js';
import { InboundMetrics } from './inbound-metrics.js';
import { INBOUND_OPTIONS, type InboundOptions } from './inbound-options.js';
import { InboxWriter } from './inbox/inbox-writer.js';
import { Poller } from './polling/poller.service.js';
import { InboxProcessor } from './processing/inbox-processor.js';
import { ApiClientKit, SOURCE_FETCH } from './api-client-kit.js';
import { createInboundTables, KnownObjects, PollCursors } from './state/inbound-tables.js';
import { WebhookHttpSetup } from './webhooks/webhook-http.setup.js';
import { WebhookIntake } from './webhooks/webhook-intake.service.js';
import { SourceSystems } from './source-system.js';

/** The inbound side's own PostgreSQL pool (tokens, cursors, known objects), small: its queries are short. */
export const INBOUND_POOL = Symbol('InboundPool');

@Injectable()
class InboundShutdown implements OnApplicationShutdown {
  constructor(@Inject(INBOUND_POOL) private readonly pool: pg.Pool, private readonly subscriptions: SubscriptionsService, private readonly poller: Poller) {}

  /** The pool closes last: the inbox processor (a subscription) and the poller still use it while they stop. */
  async onApplicationShutdown(): Promise<void> {
    await this.poller.onApplicationShutdown();
    await this.subscriptions.onApplicationShutdown();
    await this.pool.end();
  }
}

const oauthLog = (logger: PinoLogger) => {
  logger.setContext('oauth');
  return {
    info: (fields: object, message: string) => logger.info(fields, message),
    warn: (fields: object, message: string) => logger.warn(fields, message),
    error: (fields: object, message: string) => logger.error(fields, message),
  };
};

const cipherFactory = (env: HubEnv, logger: PinoLogger): Promise<TokenCipher> =>
  resolveTokenCipher({ secretKey: env.secretKey, secretKeyPrevious: env.secretKeyPrevious, dataDir: env.dataDir }, oauthLog(logger));

const tokenManagerFactory = async (pool: pg.Pool, cipher: TokenCipher, metrics: InboundMetrics, logger: PinoLogger, fetchImpl: typeof fetch): Promise<TokenManager> => {
  const log = oauthLog(logger);
  const store = new PostgresTokenStore(pool, cipher);
  await store.init();
  return new TokenManager(store, {
    fetch: fetchImpl, logger: log,
    onRefresh: (grant, outcome) => {
      metrics.tokenRequests.inc({ system: grant.system, outcome });
      if (outcome === 'ok') metrics.needsReconnect.set({ connection: grant.connection, system: grant.system }, 0);
    },
    onNeedsReconnect: (grant) => metrics.needsReconnect.set({ connection: grant.connection, system: grant.system }, 1),
  });
};

/**
 * The hub's inbound side: webhook receivers (Procore, QuickBooks, Xero), the inbox
 * processor that fetches and records documents, and the reconciliation poller.
 * Compose it with `createHub(env, [InboundModule.forRoot({ config })])`.
 */
@Module({})
export class InboundModule {
  static forRoot(options: InboundOptions): DynamicModule {
    return {
      module: InboundModule,
      // One instance for the whole hub: sagas, posting and the API all use its providers.
      global: true,
      providers: [
        { provide: INBOUND_OPTIONS, useValue: options },
        { provide: TRESTLE_CONFIG, useValue: options.config },
        { provide: SOURCE_FETCH, useValue: options.fetch ?? ((input: string | URL | Request, init?: RequestInit) => fetch(input, init)) },
        { provide: INBOUND_POOL, inject: [STORAGE], useFactory: (storage: StorageBackends) => surviveConnectionLoss(new pg.Pool({ connectionString: storage.databaseUrl, max: 2 })) },
        { provide: TOKEN_POOL, useExisting: INBOUND_POOL },
        { provide: TokenCipher, inject: [HUB_ENV, PinoLogger], useFactory: cipherFactory },
        { provide: TokenManager, inject: [INBOUND_POOL, TokenCipher, InboundMetrics, PinoLogger, SOURCE_FETCH], useFactory: tokenManagerFactory },
        { provide: PollCursors, inject: [INBOUND_POOL], useFactory: async (pool: pg.Pool) => { await createInboundTables(pool); return new PollCursors(pool); } },
        { provide: KnownObjects, inject: [INBOUND_POOL, PollCursors], useFactory: (pool: pg.Pool) => new KnownObjects(pool) },
        ConnectionsService, InboundMetrics, InboxWriter, WebhookIntake, WebhookHttpSetup, ApiClientKit, SourceSystems, InboxProcessor, Poller, InboundShutdown,
      ],
      exports: [TRESTLE_CONFIG, ConnectionsService, TokenManager, TOKEN_POOL, TokenCipher, ApiClientKit, KnownObjects, InboxWriter, Poller, SourceSystems, WebhookIntake],
    };
  }
}
