import { createHash } from 'node:crypto';
import type { DocumentRef } from '../../domain/documents/document-ref.js';
import { deterministicEventId, EventIdConflictError, WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '../../eventstore/index.js';
import { DocumentRecorder } from '../pipeline/inbound/processing/document-recorder.js';
import type { CellProblem } from './column-map.js';
import { diffImports } from './import-diff.js';
import {
  IMPORT_FILE_STORED, IMPORT_REVISION_RECORDED, importStream, type ImportDiff, type ImportFileStored, type ImportRevisionRecorded,
} from './import-events.js';
import type { ImportedDocument, ImportKind, ImportReading, KindSettings } from './import-kind.js';
import { readTable } from './tabular-file.js';

/** The largest file taken: the file is kept whole in one event, and events are at most 1 MiB (base64 adds a third). */
export const IMPORT_FILE_LIMIT_BYTES = 512 * 1024;

export interface ImportCommand {
  readonly connection: string;
  readonly kind: ImportKind;
  readonly settings: KindSettings;
  readonly projectId: string;
  readonly fileName: string;
  readonly content: Buffer;
  readonly uploadedBy: string;
  /** When the file was received (the adapter's clock): the documents' version. */
  readonly receivedAt: string;
}

/** A file whose rows or columns are wrong: nothing of it was imported. */
export class ImportRefusedError extends Error {
  constructor(readonly fileName: string, readonly problems: readonly CellProblem[]) {
    super(`${fileName}: ${problems.length} problem(s)`);
    this.name = 'ImportRefusedError';
  }
}

export type ImportOutcome =
  | { readonly outcome: 'imported'; readonly revision: number; readonly diff: ImportDiff; readonly held: readonly CellProblem[]; readonly summary: unknown }
  /** The same file as the latest revision: nothing new (its documents are made sure of). */
  | { readonly outcome: 'unchanged'; readonly revision: number; readonly diff: ImportDiff; readonly held: readonly CellProblem[]; readonly summary: unknown };

/** Earlier documents with this file's added or replacing them (additive kinds). */
const mergeById = (before: readonly ImportedDocument[], after: readonly ImportedDocument[]): ImportedDocument[] => {
  const key = (d: ImportedDocument) => `${d.type}-${d.externalId}`;
  const replaced = new Set(after.map(key));
  return [...before.filter((d) => !replaced.has(key(d))), ...after];
};

const sha256 = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/**
 * A file import as a source of documents: the file is stored and its reading recorded as a
 * revision (one append, both events or neither), then each document it adds, changes or
 * removes is recorded on the document's own stream like a fetched API document, so the
 * same sagas and read models take it from there.
 */
export class ImportIntake {
  private readonly recorder: DocumentRecorder;

  constructor(private readonly store: EventStore) {
    this.recorder = new DocumentRecorder(store);
  }

  /** Reads a file as `kind` would, without importing it: documents, problems, columns. */
  async check(kind: ImportKind, settings: KindSettings, projectId: string, content: Buffer, at: string): Promise<ImportReading> {
    return kind.read(await readTable(content), { projectId, at, settings });
  }

  async import(cmd: ImportCommand): Promise<ImportOutcome> {
    const reading = await this.check(cmd.kind, cmd.settings, cmd.projectId, cmd.content, cmd.receivedAt);
    if (reading.problems.length > 0) throw new ImportRefusedError(cmd.fileName, reading.problems);
    const stream = importStream(cmd.connection, cmd.kind.kind, cmd.projectId);
    const hash = sha256(cmd.content);
    const revision = await this.store.streamRevision(stream);
    const latest = revision === undefined ? undefined : await this.latestRevision(stream, revision);
    if (latest && latest.data.sha256 === hash) {
      await this.recordDocuments(cmd, latest, undefined);
      await this.recheckParked(cmd, latest.data.documents);
      const d = latest.data;
      return { outcome: 'unchanged', revision: d.revision, diff: { added: [], changed: [], removed: [] }, held: d.held, summary: d.summary };
    }
    const previous = latest?.data.documents ?? [];
    const number = (latest?.data.revision ?? 0) + 1;
    const documents = cmd.kind.additive ? mergeById(previous, reading.documents) : reading.documents;
    const recorded: ImportRevisionRecorded = {
      connection: cmd.connection, kind: cmd.kind.kind, projectId: cmd.projectId, revision: number, sha256: hash, receivedAt: cmd.receivedAt,
      documents, held: reading.held, diff: diffImports(previous, documents), summary: reading.summary,
    };
    const file: ImportFileStored = {
      connection: cmd.connection, kind: cmd.kind.kind, projectId: cmd.projectId, fileName: cmd.fileName, size: cmd.content.length,
      sha256: hash, uploadedBy: cmd.uploadedBy, receivedAt: cmd.receivedAt, content: cmd.content.toString('base64'),
    };
    const correlationId = deterministicEventId('import', stream, number, hash);
    const metadata = { correlationId, connection: cmd.connection, source: cmd.kind.source };
    try {
      await this.store.append(stream, [
        { id: deterministicEventId('import-file', stream, number, hash), type: IMPORT_FILE_STORED, data: file, metadata },
        { id: deterministicEventId('import-revision', stream, number, hash), type: IMPORT_REVISION_RECORDED, data: recorded, metadata },
      ], revision ?? 'no_stream');
    } catch (error) {
      // Another import of this project's kind landed first (perhaps this same file): read again from it.
      if (error instanceof EventIdConflictError || error instanceof WrongExpectedRevisionError) return this.import(cmd);
      throw error;
    }
    const cause = await this.latestRevision(stream, (revision ?? -1) + 2);
    await this.recordDocuments(cmd, cause!, previous);
    await this.recheckParked(cmd, documents);
    return { outcome: 'imported', revision: number, diff: recorded.diff, held: recorded.held, summary: recorded.summary };
  }

  /**
   * Asks each saga that may wait on the books for one of the file's documents to look again
   * (SyncRetryRequested; a saga that is not parked ignores it): importing the export again is
   * how a user says "Buildertrend has synced now". One request per saga and upload.
   */
  private async recheckParked(cmd: ImportCommand, documents: readonly ImportedDocument[]): Promise<void> {
    const sagas = [...new Set(documents.flatMap((d) => cmd.kind.recheck?.(cmd.connection, d) ?? []))];
    if (sagas.length === 0) return;
    const stream = `${cmd.connection}.imports.recheck-${cmd.kind.kind}-${cmd.projectId}`;
    const correlationId = deterministicEventId('import-recheck', stream, cmd.receivedAt);
    await this.store.append(stream, sagas.map((sagaStream) => ({
      id: deterministicEventId('import-recheck', stream, sagaStream, cmd.receivedAt),
      type: 'SyncRetryRequested.v1',
      data: { requestedBy: cmd.uploadedBy, requestedAt: cmd.receivedAt },
      metadata: { correlationId, connection: cmd.connection, source: cmd.kind.source, sagaStream },
    })), 'any');
  }

  private async latestRevision(stream: string, revision: number): Promise<RecordedEvent<ImportRevisionRecorded> | undefined> {
    const page = await this.store.readStream(stream, { direction: 'backwards', fromRevision: revision, maxCount: 2 });
    return page.find((e) => e.type === IMPORT_REVISION_RECORDED) as RecordedEvent<ImportRevisionRecorded> | undefined;
  }

  /**
   * Each document of a revision, and a removal for each one it dropped, on the document's
   * stream; a document already recorded at this revision is skipped by the recorder, so
   * running this again after a crash appends only what is missing.
   */
  private async recordDocuments(cmd: ImportCommand, cause: RecordedEvent<ImportRevisionRecorded>, previous: readonly ImportedDocument[] | undefined): Promise<void> {
    const at = cause.data.receivedAt;
    const refOf = (d: ImportedDocument): DocumentRef => ({ connection: cmd.connection, source: cmd.kind.source, type: d.type, externalId: d.externalId });
    const raw = { importStream: cause.streamName, revision: cause.data.revision, sha256: cause.data.sha256 };
    const before = previous ?? await this.documentsBefore(cause);
    const removed = before.filter((d) => cause.data.diff.removed.includes(d.externalId));
    for (const d of cause.data.documents) await this.recorder.record({ ref: refOf(d), version: at, snapshot: d.snapshot, raw }, cause, at);
    for (const d of removed) await this.recorder.record({ ref: refOf(d), version: at, snapshot: cmd.kind.removed(d, at), raw }, cause, at);
  }

  private async documentsBefore(cause: RecordedEvent<ImportRevisionRecorded>): Promise<readonly ImportedDocument[]> {
    if (cause.revision < 2) return [];
    const earlier = await this.latestRevision(cause.streamName, cause.revision - 2);
    return earlier?.data.documents ?? [];
  }
}

