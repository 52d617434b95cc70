import type { EventMetadata, RecordedEvent } from '../../src/eventstore/index.js';
import type { FlowEvent } from '../../bench/replay/invoice-flow.js';
import { MemoryDocStore } from '../../src/projections/reconciliation/memory-doc-store.js';
import { ReconFold, RowDeltas } from '../../src/projections/reconciliation/recon-fold.js';
import { ReconIndex } from '../../src/projections/reconciliation/recon-index.js';
import { ROW_COLUMNS, splitRowKey } from '../../src/projections/reconciliation/contribution.js';

/** Flow events as the store would give them back: positions in order, revisions per stream, a recordedAt each. */
export const recorded = (events: readonly FlowEvent[], start = Date.parse('2026-04-01T00:00:00.000Z')): RecordedEvent[] => {
  const revisions = new Map<string, number>();
  return events.map((e, i) => {
    const revision = (revisions.get(e.stream) ?? -1) + 1;
    revisions.set(e.stream, revision);
    const metadata = { correlationId: 'c', causationId: null, connection: null, source: null, schemaVersion: 1, ...e.metadata, recordedAt: new Date(start + i).toISOString() } as EventMetadata;
    return { id: e.id, type: e.type, streamName: e.stream, revision, position: { commit: BigInt(i + 1), prepare: BigInt(i + 1) }, data: e.data, metadata };
  });
};

export type RowObject = Record<(typeof ROW_COLUMNS)[number], number> & { connection: string; projectId: string; costCode: string; costType: string };

/** Folds events in memory and returns the resulting rows (all-zero ones left out) and documents. */
export const foldAll = (events: readonly RecordedEvent[]) => {
  const docs = new MemoryDocStore();
  const deltas = new RowDeltas();
  const fold = new ReconFold(docs, new ReconIndex(), deltas);
  for (const event of events) fold.apply(event);
  const rows = new Map<string, RowObject>();
  for (const [key, vector] of deltas.take()) {
    const [connection, projectId, costCode, costType] = splitRowKey(key);
    const row = Object.fromEntries(ROW_COLUMNS.map((c, i) => [c, vector[i]!])) as unknown as RowObject;
    rows.set(`${connection}:${projectId}/${costCode}/${costType}`, { ...row, connection, projectId, costCode, costType });
  }
  return { rows, docs: docs.entries };
};
