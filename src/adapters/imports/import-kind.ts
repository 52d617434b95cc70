import type { DocumentType, Source } from '../../domain/documents/document-ref.js';
import type { CellProblem, ColumnOverrides, ColumnSpec } from './column-map.js';
import type { Table } from './tabular-file.js';

/** A document a file yields: the same document types the API sources yield, keyed within the file's project. */
export interface ImportedDocument {
  readonly type: DocumentType;
  readonly externalId: string;
  readonly snapshot: unknown;
}

/** A connection's settings for one kind (from its column map file): headers, and value translations such as part type -> cost type. */
export interface KindSettings {
  readonly columns: ColumnOverrides;
  readonly costTypes: Readonly<Record<string, string>>;
}

export const NO_SETTINGS: KindSettings = { columns: {}, costTypes: {} };

export interface ReadContext {
  readonly projectId: string;
  /** When the file was received: the documents' version and updatedAt. */
  readonly at: string;
  readonly settings: KindSettings;
}

/** How a file reads: its documents, or problems; rows held back are listed, not refused. */
export interface ImportReading {
  readonly documents: readonly ImportedDocument[];
  readonly problems: readonly CellProblem[];
  /** Rows left out of the documents on purpose (a costed item with no cost code), with why. */
  readonly held: readonly CellProblem[];
  /** Field -> the header it was read from; and headers nothing reads. */
  readonly columns: Readonly<Record<string, string | null>>;
  readonly ignoredColumns: readonly string[];
  /** What the kind wants the user to see (e.g. budget lines, parents' derived quantities). */
  readonly summary: unknown;
}

/** One kind of file a vendor's users export (a PlanSwift takeoff, a Buildertrend bills export). */
export interface ImportKind {
  /** e.g. 'planswift-takeoff': the URL and CLI name, and the key in a column map file. */
  readonly kind: string;
  readonly source: Source;
  readonly summary: string;
  readonly columns: ColumnSpec<string>;
  read(table: Table, ctx: ReadContext): ImportReading;
  /** The snapshot a document becomes when a revised file no longer has it. */
  removed(document: ImportedDocument, at: string): unknown;
  /**
   * Each file covers a period (a week of shifts), not the whole: a revision adds to and
   * changes what earlier files brought, and a document missing from it is not removed.
   */
  readonly additive?: boolean;
  /**
   * The saga instance that may be parked waiting on the books for this document (a Buildertrend
   * bill its native sync has not written yet): each import of the file asks it to look again.
   */
  recheck?(connection: string, document: ImportedDocument): string | undefined;
}
