import { classifyChange, versionTime, type RecordedVersion, type SkipReason } from '../../../../domain/documents/classify-change.js';
import type { DocumentEventData } from '../../../../domain/documents/document-events.js';
import { documentStream, type DocumentRef, type DocumentType } from '../../../../domain/documents/document-ref.js';
import { deterministicEventId, EventIdConflictError, type EventStore, type RecordedEvent } from '../../../../eventstore/index.js';
import type { Observation } from './observation.js';

const LIFECYCLE_STATUS: Partial<Record<DocumentType, 'status' | 'approvalStatus'>> = {
  subcontractor_invoice: 'status', owner_invoice: 'status', commitment: 'status',
  commitment_change_order: 'status', prime_change_order: 'status', timecard: 'approvalStatus',
};

/**
 * What a deleted document looks like: its last recorded snapshot, marked deleted.
 * Reference data is never deleted from the hub's point of view (vendors and projects go
 * inactive; codes stay in history), so it yields nothing.
 */
export const deletedSnapshot = (type: DocumentType, previous: unknown): unknown => {
  const last = typeof previous === 'object' && previous !== null ? (previous as Record<string, unknown>) : {};
  const status = LIFECYCLE_STATUS[type];
  if (status) return { ...last, [status]: 'deleted' };
  if (type === 'project' || type === 'vendor') return previous === undefined ? undefined : { ...last, active: false };
  if (type === 'cost_code' || type === 'cost_type' || type === 'budget_line') return undefined;
  return { ...last, deleted: true };
};

/** An event of a document stream written by this recorder (another side may write there too). */
const isDocumentEvent = (event: RecordedEvent): event is RecordedEvent<DocumentEventData<unknown>> =>
  typeof event.data === 'object' && event.data !== null && typeof (event.data as { version?: unknown }).version === 'string'
  && typeof (event.data as { ref?: unknown }).ref === 'object' && event.metadata.source !== 'hub';

export type RecordOutcome = { readonly recorded: true; readonly eventType: string } | { readonly recorded: false; readonly reason: SkipReason };

/**
 * Appends the lifecycle fact a fetched version is, to the document's own stream, once:
 * the event id is derived from (connection, source, type, id, version), a version at or
 * before the last recorded one is skipped, and an append races nothing (expected revision).
 */
export class DocumentRecorder {
  constructor(private readonly store: EventStore) {}

  /** The last version this recorder wrote for the document, with the stream's revision. */
  async lastRecorded(ref: DocumentRef): Promise<{ previous: RecordedVersion | undefined; revision: number | undefined }> {
    const stream = documentStream(ref);
    const revision = await this.store.streamRevision(stream);
    for (let from = revision; from !== undefined && from >= 0; from -= 50) {
      const page = await this.store.readStream(stream, { direction: 'backwards', fromRevision: from, maxCount: 50 });
      const found = page.find(isDocumentEvent);
      if (found) return { previous: { type: found.type, version: found.data.version, snapshot: found.data.snapshot }, revision };
      if (page.length < 50) break;
    }
    return { previous: undefined, revision };
  }

  async record(observation: Observation, cause: RecordedEvent, observedAt: string): Promise<RecordOutcome> {
    const { ref } = observation;
    const { previous, revision } = await this.lastRecorded(ref);
    const verdict = classifyChange({ type: ref.type, previous, next: { version: observation.version, snapshot: observation.snapshot }, hubBaseline: observation.hubBaseline });
    if (!verdict.record) return { recorded: false, reason: verdict.reason };
    const data: DocumentEventData<unknown> = { ref, version: observation.version, observedAt, snapshot: observation.snapshot, raw: observation.raw };
    const id = deterministicEventId('document', ref.connection, ref.source, ref.type, ref.externalId, observation.version);
    try {
      await this.store.append(documentStream(ref), [{
        id, type: verdict.eventType, data,
        metadata: { correlationId: cause.metadata.correlationId, causationId: cause.id, connection: ref.connection, source: ref.source },
      }], revision ?? 'no_stream');
    } catch (error) {
      // The same version recorded by an earlier attempt whose checkpoint was not saved.
      if (error instanceof EventIdConflictError) return { recorded: false, reason: 'already_recorded' };
      throw error;
    }
    await observation.afterRecord?.();
    return { recorded: true, eventType: verdict.eventType };
  }

  /** A deletion: the last recorded snapshot marked deleted, at the time it went. */
  async recordGone(ref: DocumentRef, at: string, cause: RecordedEvent, observedAt: string, hubBaseline?: unknown): Promise<RecordOutcome> {
    const { previous } = await this.lastRecorded(ref);
    const snapshot = deletedSnapshot(ref.type, previous?.snapshot ?? hubBaseline);
    if (snapshot === undefined) return { recorded: false, reason: 'not_relevant' };
    // A deletion is newer than anything recorded, even when the source's clock says otherwise.
    const version = previous && Date.parse(at) <= versionTime(previous.version) ? observedAt : at;
    return this.record({ ref, version, snapshot, raw: { deleted: true, at }, ...(hubBaseline === undefined ? {} : { hubBaseline }) }, cause, observedAt);
  }
}
