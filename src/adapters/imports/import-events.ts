import type { ImportedDocument } from './import-kind.js';
import type { CellProblem } from './column-map.js';

/** The uploaded file itself, kept whole (base64) so any import can be read again or audited. */
export interface ImportFileStored {
  readonly connection: string;
  readonly kind: string;
  readonly projectId: string;
  readonly fileName: string;
  readonly size: number;
  /** sha256 of the content, hex: the same file again is recognised by it. */
  readonly sha256: string;
  readonly uploadedBy: string;
  readonly receivedAt: string;
  readonly content: string;
}

/** Which documents a revision added, changed or removed against the one before (by external id). */
export interface ImportDiff {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/** What the file read as: revision 1 is the first file, each different file the next. */
export interface ImportRevisionRecorded {
  readonly connection: string;
  readonly kind: string;
  readonly projectId: string;
  readonly revision: number;
  readonly sha256: string;
  readonly receivedAt: string;
  readonly documents: readonly ImportedDocument[];
  readonly held: readonly CellProblem[];
  readonly diff: ImportDiff;
  readonly summary: unknown;
}

export const IMPORT_FILE_STORED = 'ImportFileStored.v1';
export const IMPORT_REVISION_RECORDED = 'ImportRevisionRecorded.v1';

/** One stream per connection, kind and project: its revisions in order. */
export const importStream = (connection: string, kind: string, projectId: string): string => `${connection}.imports.${kind}-${projectId}`;
