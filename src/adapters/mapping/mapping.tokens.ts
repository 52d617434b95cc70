import type { RefSyntax } from '../../domain/mapping/index.js';
import type { AccountingSideConfig, ConnectionConfig } from '../../platform/config/connection.types.js';

/**
 * What the mapping side needs of a connection: its name, optionally its initial mapping file,
 * and its books system (QuickBooks Desktop refs may be FullNames; absent reads ids only).
 */
export type MappingConnection = Pick<ConnectionConfig, 'name' | 'mappingFile'> & { readonly accounting?: Pick<AccountingSideConfig, 'system'> };

/** How the connection's books name accounts, items, classes and customers (see RefSyntax). */
export const refSyntaxOf = (connection: MappingConnection | undefined): RefSyntax =>
  connection?.accounting?.system === 'qbd' ? 'id-or-full-name' : 'id';

export interface MappingSettingsOptions {
  readonly connections: readonly MappingConnection[];
  /** Resolves a relative mappingFile (the connections loader already makes them absolute). */
  readonly baseDir?: string;
  /** The adapter clock: `changedAt` of boot imports and API changes. */
  readonly now: () => Date;
}

export const refSyntaxFor = (options: MappingSettingsOptions, connection: string): RefSyntax =>
  refSyntaxOf(options.connections.find((c) => c.name === connection));

export const MAPPING_OPTIONS = Symbol('MappingOptions');
