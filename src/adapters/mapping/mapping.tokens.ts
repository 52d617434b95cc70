import type { ConnectionConfig } from '../../platform/config/connection.types.js';

/** What the mapping side needs of a connection: its name and, optionally, its initial mapping file. */
export type MappingConnection = Pick<ConnectionConfig, 'name' | 'mappingFile'>;

export interface MappingSettingsOptions {
  readonly connections: readonly MappingConnection[];
  /** Resolves a relative mappingFile (the connections loader already makes them absolute). */
  readonly baseDir?: string;
  /** The adapter clock: `changedAt` of boot imports and API changes. */
  readonly now: () => Date;
}

export const MAPPING_OPTIONS = Symbol('MappingOptions');
