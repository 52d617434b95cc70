import { deterministicEventId, type EventStore } from '../../../eventstore/index.js';
import { connectionOf } from './audit-events.js';
import type { OutboundRequest } from './outbound-handler.js';

/**
 * What a connection in `dry-run` posting mode would have written to the books: each write its
 * sagas drafted, recorded instead of sent, in one system stream (so it survives restarts and
 * is audited like everything else). Nothing here is ever delivered: the document's saga keeps
 * waiting for an answer, and the document posts once the connection goes live and it changes
 * again (or is re-synced).
 */
export const DRY_RUN_STREAM = 'system.outbound.dry-run';
export const DRY_RUN_EVENT = 'OutboundDryRun.v1';

export interface OutboundDryRunData {
  readonly requestId: string;
  readonly requestType: string;
  readonly connection: string;
  readonly target: string;
  readonly sagaStream: string;
  readonly documentStream: string;
  /** Exactly what would have been sent: the request as the saga drafted it. */
  readonly request: unknown;
  readonly recordedAt: string;
}

/**
 * Requests that may write to the books and are not recorded as they are: a vendor resolution
 * looks up only (lookup-or-create would create a vendor), so drafts stay complete without a
 * write; a job resolution may create a sub-customer, so it is recorded like any write.
 */
const VENDOR_RESOLUTION = /^(ResolveVendor|BooksVendorResolution)Requested\.v\d+$/;
const JOB_RESOLUTION = /^(ResolveJob|BooksJobResolution)Requested\.v\d+$/;

export type DryRunStep = { readonly kind: 'record' } | { readonly kind: 'deliver'; readonly request: OutboundRequest };

/** What dry-run does with a request to the books: a write is recorded; a vendor lookup is sent as lookup-only; a read is sent. */
export const dryRunStep = (request: OutboundRequest, isWrite: boolean): DryRunStep => {
  if (isWrite || JOB_RESOLUTION.test(request.type)) return { kind: 'record' };
  if (VENDOR_RESOLUTION.test(request.type)) return { kind: 'deliver', request: { ...request, data: { ...(request.data as object), match: 'lookup-only' } } };
  return { kind: 'deliver', request };
};

export class DryRunLedger {
  constructor(private readonly store: EventStore) {}

  /** Records what would post; a replay of the same request appends nothing (its id derives from the request). */
  async record(request: OutboundRequest, target: string, documentStream: string): Promise<void> {
    const data: OutboundDryRunData = {
      requestId: request.id, requestType: request.type, connection: connectionOf(request), target, sagaStream: request.streamName,
      documentStream, request: request.data, recordedAt: request.metadata.recordedAt,
    };
    await this.store.append(DRY_RUN_STREAM, [{
      id: deterministicEventId('outbound', request.id, 'dry-run'), type: DRY_RUN_EVENT, data,
      metadata: { correlationId: request.metadata.correlationId, causationId: request.id, connection: data.connection, source: 'hub', sagaStream: request.streamName, requestId: request.id },
    }], 'any');
  }

  /** Everything recorded, oldest first. */
  async list(filter: { connection?: string } = {}): Promise<OutboundDryRunData[]> {
    const events = await this.store.readStream(DRY_RUN_STREAM);
    return events.map((e) => e.data as OutboundDryRunData).filter((d) => filter.connection === undefined || d.connection === filter.connection);
  }
}
