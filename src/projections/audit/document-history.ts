import { positionToString, type EventMetadata, type RecordedEvent } from '../../eventstore/index.js';
import type { Sql } from '../engine/projection.js';
import { MemoryDocStore } from '../reconciliation/memory-doc-store.js';
import type { Posting } from '../reconciliation/recon-doc.js';
import { ReconFold, RowDeltas } from '../reconciliation/recon-fold.js';
import { ReconIndex } from '../reconciliation/recon-index.js';
import type { DocStatus } from '../reconciliation/recon-status.js';
import { int, obj, str } from '../shared/read-json.js';
import { correlate, documentsOfBooksObject, type Correlation } from './correlation.js';
import type { ReadOptions, StreamReader } from './stream-reader.js';
import { RECONCILIATION_EVENT_TYPES } from '../reconciliation/recon-event-types.js';

export type StreamKind = 'document' | 'saga' | 'outbound' | 'books';

/** One outbound call, as the auditor reads it next to the event that records it. */
export interface AttemptSummary {
  readonly attempt: number | null;
  readonly outcome: string | null;
  readonly status: number | null;
  readonly code: string | null;
  readonly message: string | null;
  readonly durationMs: number | null;
}

export interface HistoryEntry {
  readonly position: string;
  readonly stream: string;
  readonly streamKind: StreamKind;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly metadata: EventMetadata;
  readonly data: unknown;
  readonly attempt: AttemptSummary | null;
}

export interface DocumentState {
  readonly document: string;
  readonly asOf: string;
  /** False when the document had no event yet at that time. */
  readonly existed: boolean;
  readonly eventsApplied: number;
  readonly lastEventType: string | null;
  readonly version: string | null;
  readonly snapshot: unknown;
  readonly sync: { readonly status: DocStatus; readonly reason: string | null; readonly detail: string | null; readonly books: Posting | null };
}

const attemptOf = (event: RecordedEvent): AttemptSummary | null => {
  if (event.type !== 'OutboundAttempted.v1') return null;
  const d = obj(event.data) ?? {};
  return { attempt: int(d.attempt) ?? null, outcome: str(d.outcome) ?? null, status: int(d.status) ?? null, code: str(d.code) ?? null, message: str(d.message) ?? null, durationMs: int(d.durationMs) ?? null };
};

/**
 * A document's life across its streams: its own, its saga's, its outbound requests', its
 * books objects' and their payments'. Found through the audit links (no scan), read in
 * one go, merged in commit order.
 */
export class DocumentHistory {
  constructor(private readonly db: Sql, private readonly reader: StreamReader) {}

  correlation(document: string): Promise<Correlation> {
    return correlate(this.db, document);
  }

  /** Back from a books object to the documents whose sagas created it. */
  documentsOf(connection: string, entity: string, id: string): Promise<string[]> {
    return documentsOfBooksObject(this.db, connection, entity, id);
  }

  /** Every event of the document's streams in commit order (as `options` narrow it); undefined when the document has no event at all. */
  async events(document: string, options: ReadOptions = {}): Promise<Array<{ event: RecordedEvent; kind: StreamKind }> | undefined> {
    const c = await this.correlation(document);
    const kinds = new Map<string, StreamKind>([
      ...c.sagas.map((s) => [s, 'saga'] as const), ...c.requests.map((s) => [s, 'outbound'] as const),
      ...[...c.booksObjects.flatMap((b) => b.streams), ...c.payments].map((s) => [s, 'books'] as const), [document, 'document'],
    ]);
    const events = await this.reader.read([...kinds.keys()], options);
    // Before its first event a document still exists if it has events later (as-of an early date).
    if (!events.some((e) => e.streamName === document) && (options.until === undefined || !(await this.exists(document)))) return undefined;
    return events.map((event) => ({ event, kind: kinds.get(event.streamName) ?? 'document' }));
  }

  private async exists(document: string): Promise<boolean> {
    return (await this.reader.read([document])).length > 0;
  }

  async history(document: string): Promise<HistoryEntry[] | undefined> {
    return (await this.events(document))?.map(({ event, kind }) => ({
      position: positionToString(event.position), stream: event.streamName, streamKind: kind, revision: event.revision, eventId: event.id,
      type: event.type, recordedAt: event.metadata.recordedAt, metadata: event.metadata, data: event.data, attempt: attemptOf(event),
    }));
  }

  /** The document as it stood at `at`: its latest snapshot then, and its sync status replayed from the events up to then. */
  async asOf(document: string, at: Date): Promise<DocumentState | undefined> {
    // Outbound attempts and webhooks do not move the status: only what the reconciliation reads, and the document's own events.
    const read = await this.events(document, { until: at, types: RECONCILIATION_EVENT_TYPES, wholeStream: document });
    if (!read) return undefined;
    const events = read.map((e) => e.event);
    const docs = new MemoryDocStore();
    const fold = new ReconFold(docs, new ReconIndex(), new RowDeltas());
    for (const event of events) fold.apply(event);
    const last = events.filter((e) => e.streamName === document).at(-1);
    const entry = docs.get(document);
    const data = obj(last?.data);
    return {
      document, asOf: at.toISOString(), existed: last !== undefined, eventsApplied: events.length, lastEventType: last?.type ?? null,
      version: str(data?.version) ?? null, snapshot: data?.snapshot ?? null,
      sync: { status: entry?.verdict.status ?? 'none', reason: entry?.verdict.reason ?? null, detail: entry?.verdict.detail ?? null, books: entry?.doc.sync.books ?? null },
    };
  }
}
