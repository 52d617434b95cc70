import { Injectable, Optional } from '@nestjs/common';
import { MappingService } from '../../adapters/mapping/mapping.service.js';
import { ConnectionsService } from '../../adapters/pipeline/inbound/connections.service.js';
import { unknownConnection } from './known-scope.js';

/**
 * Whether a connection named in a list filter (alerts, quarantine, failures, approvals) exists,
 * so a typo answers a 404 problem instead of an empty list that reads as "all clear". A
 * connection is known when it is configured or has a mapping; one that is neither but still has
 * entries (a retired connection's history) is known by them. A hub composed without either
 * service (some tests) cannot tell, and never refuses.
 */
@Injectable()
export class NamedConnection {
  constructor(@Optional() private readonly connections?: ConnectionsService, @Optional() private readonly mappings?: MappingService) {}

  private canTell(): boolean {
    return this.connections !== undefined || this.mappings !== undefined;
  }

  isConfigured(name: string): boolean {
    return this.connections?.get(name) !== undefined || this.mappings?.has(name) === true;
  }

  /**
   * Throws the 404 problem when `name` is given, neither configured nor mapped, and has no
   * entries on record (`entries` counts them, whatever the other filters; asked only then).
   */
  async check(name: string | undefined, entries: () => Promise<number>): Promise<void> {
    if (name === undefined || !this.canTell() || this.isConfigured(name)) return;
    if ((await entries()) === 0) throw unknownConnection(name);
  }
}
