import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyRing, type Role } from './api-keys.js';

/** Registers the default-deny API key guard for every route of the app. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(keys: ReadonlyArray<{ role: Role; key: string; name?: string }>): DynamicModule {
    return {
      module: AuthModule,
      providers: [{ provide: ApiKeyRing, useValue: new ApiKeyRing(keys) }, { provide: APP_GUARD, useClass: ApiKeyGuard }],
      exports: [ApiKeyRing],
    };
  }
}
