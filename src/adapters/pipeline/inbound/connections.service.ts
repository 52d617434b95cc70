import { Inject, Injectable } from '@nestjs/common';
import type { ConnectionConfig, TrestleConfig } from '../../../platform/config/connection.types.js';

/** DI token for the loaded TrestleConfig (connections file, or the demo's). */
export const TRESTLE_CONFIG = Symbol('TrestleConfig');

/** The configured connections, by name (each system's webhook route finds its own by the ids its deliveries carry). */
@Injectable()
export class ConnectionsService {
  private readonly byName: ReadonlyMap<string, ConnectionConfig>;

  constructor(@Inject(TRESTLE_CONFIG) readonly config: TrestleConfig) {
    this.byName = new Map(config.connections.map((c) => [c.name, c]));
  }

  all(): readonly ConnectionConfig[] {
    return this.config.connections;
  }

  get(name: string): ConnectionConfig | undefined {
    return this.byName.get(name);
  }
}
