import type { ModuleMetadata } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { ConfigError, type HubEnv } from '../platform/config/env.js';
import type { TrestleConfig } from '../platform/config/connection.types.js';
import { loadTrestleConfigFile } from '../platform/config/connections.js';
import { AuthModule } from '../api/auth/auth.module.js';
import { ReportingApiModule } from '../api/reporting-api.module.js';
import { AdminApiModule } from '../api/admin/admin-api.module.js';
import { generateDemoKeys, parseApiKeysEnv, type ApiKeyInput, type Role } from '../api/auth/api-keys.js';
import { InboundModule } from '../adapters/pipeline/inbound/inbound.module.js';
import { chartFromBooksPorts, MappingModule } from '../adapters/mapping/index.js';
import { approvalConnections, connectionTuning, dryRunConnections, OutboundModule, type OutboundModuleOptions } from '../adapters/pipeline/outbound/index.js';
import { SOURCE_SYSTEM_MODULES } from '../adapters/source-systems.js';
import { IMPORT_KINDS } from '../adapters/import-kinds.js';
import { ImportsModule } from '../adapters/imports/imports.module.js';
import { ImportsApiModule } from '../api/imports/imports-api.module.js';
import { AlertsModule } from '../adapters/alerts/alerts.module.js';
import { BooksModule } from '../adapters/pipeline/books-outbound/books.module.js';
import { PostingModule } from '../adapters/quickbooks/posting.module.js';
import { XeroPostingModule } from '../adapters/xero/xero-posting.module.js';
import { QbdModule } from '../adapters/qbd/qbd.module.js';
import { ProcoreOutboundModule } from '../adapters/procore/outbound/procore-outbound.module.js';
import { ProcoreHooksModule } from '../adapters/procore/hooks/procore-hooks.module.js';
import { SagasModule } from '../sagas/sagas.module.js';
import { createHub, type Hub } from './create-hub.js';
import { prepareDemoData } from './demo-data.js';
import { startDemoWorld, type DemoWorld, type PlayingStory } from './demo-mode.js';

export interface Trestle {
  readonly hub: Hub;
  readonly config: TrestleConfig;
  /** Keys printed at start in demo mode; empty otherwise (keys come from config or env). */
  readonly demoKeys: ReadonlyArray<{ role: Role; key: string }>;
  readonly demo?: DemoWorld;
  /** Demo mode: what was done with an earlier demo run's data (printed at start), if anything. */
  readonly demoNotice?: string;
  /** Demo mode: the sample story playing (tests wait for it). */
  readonly story?: PlayingStory;
  close(): Promise<void>;
}

export interface TrestleOptions {
  /** Play the sample story after start (demo mode only). Default true. */
  readonly story?: boolean;
  /** Story speed-up for tests. */
  readonly storySpeed?: number;
  /** Extra feature modules (tests). */
  readonly features?: ModuleMetadata['imports'];
  /** Sandbox options in demo mode (sandbox/demo-sandboxes.ts DemoSandboxOptions: faster webhook retries, payload shapes). */
  readonly demo?: object;
  /** Dispatcher tuning (tests: short breaker and throttle pauses). */
  readonly outbound?: OutboundModuleOptions;
}

/** Config-file keys arrive hashed (keyHash), env keys plain: the ring takes both as they are. */
const apiKeysOf = (env: HubEnv, config: TrestleConfig): ApiKeyInput[] => {
  const fromEnv = env.apiKeys ? parseApiKeysEnv(env.apiKeys) : { keys: [], problems: [] };
  if (fromEnv.problems.length > 0) throw new ConfigError(fromEnv.problems);
  return [...config.apiKeys, ...fromEnv.keys];
};

/** Every feature, composed: auth, reporting (projections, finance/audit/admin API), inbound, mapping, posting, sagas, alerts, file imports. */
const featuresFor = (config: TrestleConfig, keys: readonly ApiKeyInput[], env: HubEnv, options: TrestleOptions): NonNullable<ModuleMetadata['imports']> => [
  AuthModule.forRoot(keys, { metricsKeyHash: config.metrics?.keyHash }),
  ReportingApiModule.forRoot(),
  InboundModule.forRoot({ config }),
  ...SOURCE_SYSTEM_MODULES,
  // The chart `mapping check` reads: each connection's books port, whatever system keeps its books.
  MappingModule.forRoot({ connections: config.connections, chart: chartFromBooksPorts }),
  OutboundModule.forRoot({
    approvalConnections: approvalConnections(config.connections), dryRunConnections: dryRunConnections(config.connections),
    ...options.outbound, connections: connectionTuning(config.connections),
  }),
  AlertsModule.forRoot({ webhookUrl: config.alerts?.webhookUrl ?? env.alertWebhookUrl, publicUrl: env.publicUrl }),
  BooksModule,
  PostingModule,
  XeroPostingModule,
  QbdModule,
  ProcoreOutboundModule,
  SagasModule,
  ProcoreHooksModule,
  AdminApiModule,
  ImportsModule.forRoot({ connections: config.connections, kinds: IMPORT_KINDS }),
  ImportsApiModule,
];

/**
 * Starts the whole hub. With TRESTLE_CONFIG, the configured connections; without it, the
 * sandboxes in-process, the `demo` connection on the sample mapping, demo API keys, and the
 * sample story played through the sandboxes' webhooks.
 */
export const startTrestle = async (env: HubEnv, options: TrestleOptions = {}): Promise<Trestle> => {
  // Before the sandboxes start: the demo's hub data and its in-memory sandboxes start afresh together.
  const demoNotice = env.configFile ? undefined : await prepareDemoData(env);
  // The demo's QuickBooks Desktop connection names the hub's address in its config (`appUrl`), as a customer's does:
  // with PORT=0 the demo chooses the port, and the hub listens there.
  const demo = env.configFile ? undefined : await startDemoWorld({ hubPort: env.port, ...options.demo });
  const hubEnv: HubEnv = demo?.hubPort ? { ...env, port: demo.hubPort } : env;
  try {
    // The demo's config is a connections file too (demoConfigDocument), read by the same loader.
    const config: TrestleConfig = env.configFile ? await loadTrestleConfigFile(env.configFile, process.env) : demo!.config;
    const demoKeys = demo && !env.apiKeys && config.apiKeys.length === 0 ? generateDemoKeys() : [];
    const keys = [...apiKeysOf(env, config), ...demoKeys];
    const hub = await createHub(hubEnv, [...featuresFor(config, keys, env, options), ...(options.features ?? [])]);
    let story: PlayingStory | undefined;
    if (demo) {
      await demo.connectWebhooks(hub.url);
      if (options.story !== false) {
        const logger = await hub.app.resolve(PinoLogger);
        logger.setContext('story');
        story = demo.playStory(logger, options.storySpeed ?? 1);
      }
    }
    return {
      hub, config, demoKeys, demo, demoNotice, story,
      close: async () => {
        story?.stop();
        await hub.close();
        await demo?.close();
      },
    };
  } catch (error) {
    await demo?.close();
    throw error;
  }
};
