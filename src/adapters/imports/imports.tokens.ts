import type { ConnectionConfig } from '../../platform/config/connection.types.js';
import type { ImportKind } from './import-kind.js';

export interface ImportsOptions {
  readonly connections: ReadonlyArray<Pick<ConnectionConfig, 'name' | 'importColumnsFile' | 'importFolder'>>;
  /** The kinds of file the hub reads (src/adapters/import-kinds.ts). */
  readonly kinds: readonly ImportKind[];
  /** The adapter clock: when a file was received. */
  readonly now: () => Date;
  /** How often the watched folders are scanned (default 5 s); a file is taken on the second scan that sees it unchanged. */
  readonly folderPollMs?: number;
}

export const IMPORTS_OPTIONS = Symbol('ImportsOptions');
