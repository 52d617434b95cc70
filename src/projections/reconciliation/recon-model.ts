import type { RecordedEvent } from '../../eventstore/index.js';
import { select, type ProjectionModel, type Sql } from '../engine/projection.js';
import { splitRowKey, type RowVector } from './contribution.js';
import { MemoryDocStore } from './memory-doc-store.js';
import type { ReconDoc } from './recon-doc.js';
import { entryOf, ReconFold, RowDeltas, type DocEntry } from './recon-fold.js';
import { ReconIndex, type Applied, type IndexRow } from './recon-index.js';
import { applyIndexEffects, docKeysOf, routeOf, type IndexView } from './recon-route.js';
import { retainageLinesOf } from './retainage-lines.js';
import { reconTables, upsertDocumentsSql, upsertIndexSql, upsertRowsSql, type ReconTables } from './recon-tables.js';

/** Rows per INSERT: many per round trip, within PostgreSQL's 65 535 parameters. */
const CHUNK = 2000;

/** The index as a batch will have changed it, without changing it: used to know what to load. */
class LookAhead implements IndexView {
  private readonly sagas = new Map<string, string>();
  private readonly books = new Map<string, string>();
  private readonly payments = new Map<string, Applied>();
  constructor(private readonly base: ReconIndex) {}
  sagaDoc(saga: string): string | undefined { return this.sagas.get(saga) ?? this.base.sagaDoc(saga); }
  booksDoc(key: string): string | undefined { return this.books.get(key) ?? this.base.booksDoc(key); }
  appliedBy(payment: string): Applied { return this.payments.get(payment) ?? this.base.appliedBy(payment); }
  linkSaga(saga: string, doc: string): void { this.sagas.set(saga, doc); }
  linkBooks(key: string, doc: string): void { this.books.set(key, doc); }
  setPayment(payment: string, applied: Applied): void { this.payments.set(payment, applied); }
}

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

/** One document's cells, in DOC_COLUMNS order. */
const documentCells = ({ doc, verdict }: DocEntry): unknown[] => {
  const codes = [...new Set([...(doc.construction?.lines ?? []), ...(doc.sync.books?.lines ?? [])].map((l) => l.costCode))].sort();
  return [
    doc.key, doc.connection, doc.construction?.projectId ?? '', doc.docType, doc.externalId, doc.construction?.label ?? doc.key,
    verdict.status, verdict.reason, verdict.detail, verdict.expected, verdict.booksAmount, verdict.paid, verdict.netDue,
    doc.sync.books?.entity ?? null, doc.sync.books?.id ?? null, codes, doc.updatedAt, JSON.stringify(doc),
    doc.construction?.commitmentId ?? null, retainageCell(doc),
  ];
};

/** An invoice's retainage per line (see retainage-lines.ts), read by the per-commitment report; null for anything else. */
const retainageCell = (doc: ReconDoc): string | null => {
  const lines = retainageLinesOf(doc);
  return lines.length === 0 ? null : JSON.stringify(lines);
};

const rowCells = ([key, vector]: [string, RowVector]): unknown[] => [...splitRowKey(key), ...vector];

/**
 * The reconciliation read model over one generation's tables. Live, it loads the documents
 * each batch touches; in a rebuild everything starts in memory, and documents are read
 * back only after a flush has let them go.
 */
export class ReconModel implements ProjectionModel {
  private readonly tables: ReconTables;
  private readonly docs = new MemoryDocStore();
  private readonly deltas = new RowDeltas();
  private index = new ReconIndex();
  private fold = new ReconFold(this.docs, this.index, this.deltas);
  /** A rebuild holds every document it wrote until it releases them: nothing to load before that. */
  private complete: boolean;

  constructor(generation: number, mode: 'live' | 'bulk') {
    this.tables = reconTables(generation);
    this.complete = mode === 'bulk';
  }

  async open(db: Sql): Promise<void> {
    const rows = this.complete ? [] : await select<IndexRow>(db, `SELECT kind, key, value FROM ${this.tables.index}`);
    this.index = ReconIndex.from(rows);
    this.fold = new ReconFold(this.docs, this.index, this.deltas);
  }

  async prepare(events: readonly RecordedEvent[], db: Sql): Promise<void> {
    if (this.complete) return;
    const ahead = new LookAhead(this.index);
    const wanted = new Set<string>();
    for (const event of events) {
      const route = routeOf(event);
      if (route.kind === 'ignore') continue;
      for (const key of docKeysOf(event, route, ahead)) if (!this.docs.has(key)) wanted.add(key);
      applyIndexEffects(event, route, ahead);
    }
    if (wanted.size === 0) return;
    const rows = await select<{ state: ReconDoc }>(db, `SELECT state FROM ${this.tables.documents} WHERE key = ANY($1::text[])`, [[...wanted]]);
    for (const { state } of rows) this.docs.load(entryOf(state, this.index));
  }

  apply(event: RecordedEvent): void {
    this.fold.apply(event);
  }

  get pendingWrites(): number {
    return this.docs.pendingWrites + this.deltas.rows.size + this.index.pendingWrites;
  }

  async flush(tx: Sql): Promise<void> {
    for (const part of chunks(this.docs.takeDirty())) await tx.query(upsertDocumentsSql(this.tables.documents, part.length), part.flatMap(documentCells));
    for (const part of chunks(this.deltas.take())) await tx.query(upsertRowsSql(this.tables.rows, part.length), part.flatMap(rowCells));
    for (const part of chunks(this.index.takeDirty())) {
      await tx.query(upsertIndexSql(this.tables.index, part.length), part.flatMap((r) => [r.kind, r.key, JSON.stringify(r.value)]));
    }
  }

  release(): void {
    this.docs.clear();
    this.complete = false;
  }
}
