import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { ModuleMetadata } from '@nestjs/common';
import type { Logger as PinoRoot } from 'pino';
import type { HubEnv } from '../platform/config/env.js';
import { openStorage, type StorageBackends } from '../adapters/eventstore/open-event-store.js';
import { AppModule } from './app.module.js';
import { InputGuard } from '../platform/web/input-guard.js';
import { createRootLogger } from '../platform/web/logging.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { setupOpenApi } from '../platform/web/openapi.js';
import { ProblemDetailsFilter } from '../platform/web/problem-details.filter.js';
import { installRequestLog } from '../platform/web/request-log.js';
import { BODY_LIMIT_BYTES, transportOptions } from '../platform/web/transport-limits.js';

export { BODY_LIMIT_BYTES };

export interface Hub {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly storage: StorageBackends;
  close(): Promise<void>;
}

export interface HubOptions {
  /** Where log lines go (tests read them); by default a logger on stdout at env.logLevel. */
  readonly logger?: PinoRoot;
}

/** Opens storage, composes the modules, listens. Used by main.ts and by the end-to-end tests. */
export const createHub = async (env: HubEnv, features: ModuleMetadata['imports'] = [], options: HubOptions = {}): Promise<Hub> => {
  const metrics = new MetricsService();
  const storage = await openStorage(env, { observer: metrics.storeObserver });
  try {
    const logger = options.logger ?? createRootLogger(env);
    const adapter = new FastifyAdapter(transportOptions(logger));
    // First, so that even a refused request carries its id.
    installRequestLog(adapter.getInstance(), logger, metrics);
    // Query and path values are checked before any controller runs, against the OpenAPI document learnt below.
    const inputGuard = new InputGuard();
    adapter.getInstance().addHook('onRequest', async (request) => inputGuard.check(request));
    const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ env, storage, metrics, features }), adapter, { bufferLogs: true, rawBody: true });
    app.useLogger(app.get(Logger));
    app.useGlobalFilters(new ProblemDetailsFilter());
    inputGuard.learn(setupOpenApi(app));
    await app.listen(env.port, env.host);
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    return {
      app, url, storage,
      close: async () => {
        await app.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
};
