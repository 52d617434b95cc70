import { deterministicEventId, type EventStore, type RecordedEvent } from '../../../eventstore/index.js';
import { noAlerts, type AlertSink } from '../../alerts/alert-events.js';
import type { SubscriptionHandler } from '../../../platform/subscriptions/subscription-handler.js';
import { FAILURE_LEDGER_STREAM, LEDGER_EVENT, type FailureLedger, type FailureProgressData, type FailureRecordedData } from './failure-ledger.js';
import {
  OUTBOUND_EVENT, type OutboundAttemptedData, type OutboundDeadLetteredData, type OutboundRequestQueuedData, type OutboundRetryRequestedData,
} from './outbound-events.js';

export const deadLetterAlertKey = (requestId: string): string => `dead-letter:${requestId}`;

/**
 * Keeps the failure ledger and the dead-letter alerts in step with the audit streams. It is
 * a durable subscriber, so a crash between the dead letter and its alert loses neither. Every
 * ledger event derives (id and content) from the audit event it follows, so a replay
 * appends nothing twice.
 */
export class FailureLedgerProjector implements SubscriptionHandler {
  readonly filter = { eventTypes: [OUTBOUND_EVENT.deadLettered, OUTBOUND_EVENT.attempted, OUTBOUND_EVENT.retryRequested] };

  constructor(
    private readonly store: EventStore, private readonly ledger: FailureLedger,
    private readonly alerts: AlertSink = noAlerts, readonly name = 'outbound.failure-ledger',
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type === OUTBOUND_EVENT.deadLettered) return this.deadLettered(event as RecordedEvent<OutboundDeadLetteredData>);
    if (event.type === OUTBOUND_EVENT.retryRequested) {
      const data = event.data as OutboundRetryRequestedData;
      return this.append(event, LEDGER_EVENT.retried, { requestId: data.requestId, cycle: data.cycle, at: data.at });
    }
    const attempt = event.data as OutboundAttemptedData;
    if (attempt.outcome === 'permanent' && attempt.operation !== 'find') return this.refused(event as RecordedEvent<OutboundAttemptedData>);
    if ((attempt.outcome === 'succeeded' || attempt.outcome === 'found') && attempt.cycle > 0) {
      await this.append(event, LEDGER_EVENT.resolved, { requestId: attempt.requestId, cycle: attempt.cycle, at: attempt.at });
      await this.alerts.clear(deadLetterAlertKey(attempt.requestId), 'posted after an operator retry');
    }
  }

  private async deadLettered(event: RecordedEvent<OutboundDeadLetteredData>): Promise<void> {
    const d = event.data;
    const connection = event.metadata.connection ?? '';
    await this.append(event, LEDGER_EVENT.recorded, {
      requestId: d.requestId, connection, result: 'dead-lettered', requestType: d.requestType, target: d.target, auditStream: event.streamName,
      sagaStream: d.sagaStream, documentStream: d.documentStream, cycle: d.cycle, attempts: d.attempts, error: d.lastFailure, failedAt: d.at,
    } satisfies FailureRecordedData);
    const { status, code, message } = d.lastFailure;
    const codeShown = code === String(status) ? null : code;
    await this.alerts.raise({
      key: deadLetterAlertKey(d.requestId), kind: 'dead-letter', connection, subject: d.documentStream, documentStream: d.documentStream,
      error: `${d.requestType} to ${d.target} gave up after ${d.attempts} attempts: ${[status, codeShown, message].filter((p) => p !== null).join(' ')}`,
    });
  }

  /** The target refused the request: the saga has its outcome; the operator sees it listed too. */
  private async refused(event: RecordedEvent<OutboundAttemptedData>): Promise<void> {
    const a = event.data;
    const [first] = await this.store.readStream(event.streamName, { maxCount: 1 });
    const queued = first?.type === OUTBOUND_EVENT.queued ? (first.data as OutboundRequestQueuedData) : undefined;
    await this.append(event, LEDGER_EVENT.recorded, {
      requestId: a.requestId, connection: event.metadata.connection ?? '', result: 'failed', requestType: a.requestType, target: a.target,
      auditStream: event.streamName, sagaStream: queued?.sagaStream ?? '', documentStream: queued?.documentStream ?? '', cycle: a.cycle,
      attempts: a.attempt, error: { kind: 'permanent', status: a.status, code: a.code, message: a.message ?? '' }, failedAt: a.at,
    } satisfies FailureRecordedData);
  }

  private async append(source: RecordedEvent, type: string, data: FailureRecordedData | FailureProgressData): Promise<void> {
    await this.store.append(FAILURE_LEDGER_STREAM, [{
      id: deterministicEventId('outbound-ledger', source.id), type, data,
      metadata: { correlationId: source.metadata.correlationId, causationId: source.id, connection: source.metadata.connection, source: 'hub' },
    }], 'any');
    await this.ledger.refresh();
  }
}
