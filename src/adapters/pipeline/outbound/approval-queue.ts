import { EventIdConflictError, WrongExpectedRevisionError, deterministicEventId, type EventStore, type RecordedEvent } from '../../../eventstore/index.js';
import { connectionOf } from './audit-events.js';
import type { OutboundRequest } from './outbound-handler.js';

/**
 * The go-live approval queue: a connection in `approval` posting mode holds every write to the
 * books until an operator approves it (then the dispatcher delivers it as usual) or rejects it
 * (it never posts; the decision is on record). Holds and decisions are events in one system
 * stream, so the queue survives restarts and every decision is audited.
 */
export const APPROVALS_STREAM = 'system.outbound.approvals';

export const APPROVAL_EVENT = { held: 'OutboundHeld.v1', decided: 'OutboundHoldDecided.v1' } as const;

export interface OutboundHeldData {
  readonly requestId: string;
  readonly requestType: string;
  readonly connection: string;
  readonly target: string;
  readonly sagaStream: string;
  readonly requestRevision: number;
  readonly documentStream: string;
  /** Exactly what will be sent: the request as the saga drafted it. */
  readonly request: unknown;
  readonly heldAt: string;
  /** The delivery cycle it was held for: 0 first, then the operator retry that asked again after a rejection. */
  readonly cycle?: number;
}

export interface OutboundHoldDecidedData {
  readonly requestId: string;
  readonly decision: 'approved' | 'rejected';
  readonly decidedBy: string | null;
  readonly sagaStream: string;
  readonly requestRevision: number;
  readonly at: string;
  readonly cycle?: number;
}

export interface HeldRequest extends OutboundHeldData {
  readonly decision: OutboundHoldDecidedData | null;
}

/** Writes to the books; lookups and resolutions (vendor, job) go through so the drafts can be complete. */
const WRITE = /^(Post|Update|Delete|Void|Close)[A-Za-z]*Requested\.v\d+$/;
const BOOKS_TARGETS = new Set(['quickbooks', 'xero', 'qbd']);

export const needsApproval = (requestType: string, target: string): boolean =>
  WRITE.test(requestType) && BOOKS_TARGETS.has(target.split(':', 1)[0] ?? '');

export type DecideAnswer =
  | { readonly ok: true; readonly held: HeldRequest }
  | { readonly ok: false; readonly reason: 'not-found' | 'decided'; readonly detail: string };

export class ApprovalQueue {
  constructor(private readonly store: EventStore, private readonly now: () => Date = () => new Date()) {}

  /**
   * Holds a request; a replay of the same request appends nothing (its id and content derive
   * from the request and the cycle). A rejected request retried by an operator is held again
   * under the retry's cycle, for a new decision.
   */
  async hold(request: OutboundRequest, target: string, documentStream: string, cycle = 0): Promise<void> {
    const data: OutboundHeldData = {
      requestId: request.id, requestType: request.type, connection: connectionOf(request), target, sagaStream: request.streamName,
      requestRevision: request.revision, documentStream, request: request.data, heldAt: request.metadata.recordedAt,
      ...(cycle > 0 ? { cycle } : {}),
    };
    await this.store.append(APPROVALS_STREAM, [{
      id: deterministicEventId('outbound', request.id, 'held', ...cycleKey(cycle)), type: APPROVAL_EVENT.held, data,
      metadata: { correlationId: request.metadata.correlationId, causationId: request.id, connection: data.connection, source: 'hub', sagaStream: request.streamName, requestId: request.id },
    }], 'any');
  }

  /** Every held request, oldest first, with its decision if there is one. */
  async list(filter: { connection?: string } = {}): Promise<HeldRequest[]> {
    return [...fold(await this.store.readStream(APPROVALS_STREAM)).values()].filter((h) => filter.connection === undefined || h.connection === filter.connection);
  }

  /** Approve or reject a held request, once: a second decision (two clicks, two operators) is refused. */
  async decide(requestId: string, decision: 'approved' | 'rejected', decidedBy: string | null): Promise<DecideAnswer> {
    const events = await this.store.readStream(APPROVALS_STREAM);
    const held = fold(events).get(requestId);
    if (!held) return { ok: false, reason: 'not-found', detail: `no held request ${requestId}` };
    if (held.decision) return { ok: false, reason: 'decided', detail: `request ${requestId} was already ${held.decision.decision}` };
    const cycle = held.cycle ?? 0;
    const data: OutboundHoldDecidedData = {
      requestId, decision, decidedBy, sagaStream: held.sagaStream, requestRevision: held.requestRevision, at: this.now().toISOString(),
      ...(cycle > 0 ? { cycle } : {}),
    };
    try {
      await this.store.append(APPROVALS_STREAM, [{
        id: deterministicEventId('outbound', requestId, 'decided', ...cycleKey(cycle)), type: APPROVAL_EVENT.decided, data,
        metadata: { connection: held.connection, source: 'operator', sagaStream: held.sagaStream, requestId },
      }], events.at(-1)!.revision);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError) return this.decide(requestId, decision, decidedBy);
      throw error;
    }
    return { ok: true, held: { ...held, decision: data } };
  }

  /** The latest decision on a request, if it was ever held. */
  async decisionOn(requestId: string): Promise<OutboundHoldDecidedData | null> {
    return fold(await this.store.readStream(APPROVALS_STREAM)).get(requestId)?.decision ?? null;
  }
}

/** Cycle 0 keeps the ids the queue has always written. */
const cycleKey = (cycle: number): number[] => (cycle > 0 ? [cycle] : []);

const fold = (events: readonly RecordedEvent[]): Map<string, HeldRequest> => {
  const held = new Map<string, HeldRequest>();
  for (const event of events) {
    if (event.type === APPROVAL_EVENT.held) {
      // A later hold of the same request (retried after a rejection) waits for a new decision.
      const data = event.data as OutboundHeldData;
      held.set(data.requestId, { ...data, decision: null });
    } else if (event.type === APPROVAL_EVENT.decided) {
      const data = event.data as OutboundHoldDecidedData;
      const entry = held.get(data.requestId);
      if (entry) held.set(data.requestId, { ...entry, decision: data });
    }
  }
  return held;
};
