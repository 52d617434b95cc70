import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyRing, type ApiKeyInput } from './api-keys.js';
import { METRICS_KEY_HASH, MetricsKeyGuard } from './metrics-key.guard.js';

/** Registers the default-deny API key guard for every route of the app. */
@Global()
@Module({})
export class AuthModule {
  /** `metricsKeyHash` (sha256 hex of the key) closes /metrics to all but that key; without it /metrics stays open. */
  static forRoot(keys: readonly ApiKeyInput[], options: { metricsKeyHash?: string } = {}): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: ApiKeyRing, useValue: new ApiKeyRing(keys) }, { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: METRICS_KEY_HASH, useValue: options.metricsKeyHash ? Buffer.from(options.metricsKeyHash, 'hex') : null }, { provide: APP_GUARD, useClass: MetricsKeyGuard },
      ],
      exports: [ApiKeyRing],
    };
  }
}
