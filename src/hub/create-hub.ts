import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { ModuleMetadata } from '@nestjs/common';
import type { HubEnv } from '../config/env.js';
import { openStorage, type StorageBackends } from '../adapters/eventstore/open-event-store.js';
import { AppModule } from './app.module.js';
import { MetricsService } from './metrics.service.js';
import { setupOpenApi } from './openapi.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';

/** Webhook bodies and API payloads above this get 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface Hub {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly storage: StorageBackends;
  close(): Promise<void>;
}

/** Opens storage, composes the modules, listens. Used by main.ts and by the end-to-end tests. */
export const createHub = async (env: HubEnv, features: ModuleMetadata['imports'] = []): Promise<Hub> => {
  const metrics = new MetricsService();
  const storage = await openStorage(env, { observer: metrics.storeObserver });
  try {
    const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });
    const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ env, storage, metrics, features }), adapter, { bufferLogs: true, rawBody: true });
    app.useLogger(app.get(Logger));
    app.useGlobalFilters(new ProblemDetailsFilter());
    setupOpenApi(app);
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
