import { parseDocumentStream } from '../../domain/documents/document-ref.js';
import type { RecordedEvent } from '../../eventstore/index.js';
import { contributionOf, ROW_COLUMNS, type RowVector } from './contribution.js';
import { evolveConstruction } from './evolve-construction.js';
import { evolveBooksSide, evolveOutboundSide, evolveSagaSide } from './evolve-sync.js';
import { booksKey, newDoc, type ReconDoc } from './recon-doc.js';
import type { ReconIndex } from './recon-index.js';
import { applyIndexEffects, docKeysOf, routeOf, type ReconRoute } from './recon-route.js';
import { verdictOf, type DocVerdict } from './recon-status.js';

/** A document with what it last contributed, so an update subtracts exactly that. */
export interface DocEntry {
  readonly doc: ReconDoc;
  readonly verdict: DocVerdict;
  readonly rows: ReadonlyMap<string, RowVector>;
}

export interface DocStore {
  get(key: string): DocEntry | undefined;
  set(entry: DocEntry): void;
}

/** Sums of row changes since the last flush; applied to the stored rows by addition. */
export class RowDeltas {
  readonly rows = new Map<string, RowVector>();

  add(rows: ReadonlyMap<string, RowVector>, sign: 1 | -1): void {
    for (const [key, vector] of rows) {
      let row = this.rows.get(key);
      if (!row) this.rows.set(key, (row = new Array<number>(ROW_COLUMNS.length).fill(0)));
      for (let i = 0; i < vector.length; i++) row[i]! += sign * vector[i]!;
    }
  }

  /** Non-zero deltas, and forget them. */
  take(): Array<[string, RowVector]> {
    const changed = [...this.rows].filter(([, v]) => v.some((x) => x !== 0));
    this.rows.clear();
    return changed;
  }
}

export const entryOf = (doc: ReconDoc, index: ReconIndex): DocEntry => {
  const books = doc.sync.books;
  const invoices = doc.sync.receivable?.invoiceIds ?? [];
  const paid = books
    ? index.paidOn(booksKey(doc.connection, books.entity, books.id))
    : invoices.reduce((sum, id) => sum + index.paidOn(booksKey(doc.connection, 'Invoice', id)), 0);
  const verdict = verdictOf(doc, paid);
  return { doc, verdict, rows: contributionOf(doc, verdict, paid) };
};

/** The document after the event; the same object when the event changes nothing of it. */
const evolveDoc = (doc: ReconDoc, event: RecordedEvent, route: ReconRoute): ReconDoc => {
  const changed = (next: Partial<ReconDoc>): ReconDoc => ({ ...doc, ...next, updatedAt: event.metadata.recordedAt });
  switch (route.kind) {
    case 'construction': {
      const construction = evolveConstruction(doc.construction, event.type, event.data);
      return construction === doc.construction ? doc : changed({ construction });
    }
    case 'saga': return withSync(doc, evolveSagaSide(doc.sync, doc.key, route.saga, event.type, event.data, route.input), changed);
    case 'outbound': return withSync(doc, evolveOutboundSide(doc.sync, event.type, event.data, event.metadata), changed);
    case 'books-object': return withSync(doc, evolveBooksSide(doc.sync, event.type, event.data), changed);
    // What was paid lives in the index; the document itself only records that it moved.
    case 'payment': return changed({});
    case 'ignore': return doc;
  }
};

const withSync = (doc: ReconDoc, sync: ReconDoc['sync'], changed: (next: Partial<ReconDoc>) => ReconDoc): ReconDoc =>
  sync === doc.sync ? doc : changed({ sync });

const blankDoc = (key: string, at: string): ReconDoc | undefined => {
  const ref = parseDocumentStream(key);
  return ref && newDoc(key, ref.connection, ref.type, ref.externalId, at);
};

/**
 * Applies events to the documents they concern, and the change of each document's
 * contribution to the row deltas. Pure over its inputs: the runner loads the documents
 * an event routes to (`keysFor`) before `apply`, live or during a rebuild alike.
 */
export class ReconFold {
  constructor(readonly docs: DocStore, readonly index: ReconIndex, readonly deltas: RowDeltas) {}

  apply(event: RecordedEvent): void {
    const route = routeOf(event);
    if (route.kind === 'ignore') return;
    const keys = docKeysOf(event, route, this.index);
    applyIndexEffects(event, route, this.index);
    for (const key of keys) {
      const before = this.docs.get(key);
      const doc = before?.doc ?? blankDoc(key, event.metadata.recordedAt);
      if (!doc) continue;
      const next = evolveDoc(doc, event, route);
      if (before && next === doc) continue;
      const after = entryOf(next, this.index);
      if (before) this.deltas.add(before.rows, -1);
      this.deltas.add(after.rows, 1);
      this.docs.set(after);
    }
  }
}
