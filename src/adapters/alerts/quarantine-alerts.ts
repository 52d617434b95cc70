import type { RecordedEvent } from '../../eventstore/index.js';
import type { SubscriptionHandler } from '../subscriptions/subscription-handler.js';
import type { AlertSink } from './alert-events.js';

export interface QuarantineOptions {
  /** Events that park a document (default: MappingMissing.v1, ValidationFailed.v1, DocumentParked.v1). */
  readonly parkedTypes?: readonly string[];
  /** Events that release it (default: DocumentResumed.v1). */
  readonly resumedTypes?: readonly string[];
  /** The document an event is about; default: `data.documentStream`, `data.document.stream`, else the event's stream. */
  readonly documentStreamOf?: (event: RecordedEvent) => string;
}

export const DEFAULT_PARKED_TYPES = ['MappingMissing.v1', 'ValidationFailed.v1', 'DocumentParked.v1'];
export const DEFAULT_RESUMED_TYPES = ['DocumentResumed.v1'];

export const quarantineAlertKey = (documentStream: string): string => `quarantine:${documentStream}`;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

const defaultDocumentStream = (event: RecordedEvent): string => {
  const data = (event.data ?? {}) as { documentStream?: unknown; document?: { stream?: unknown } };
  return text(data.documentStream) ?? text(data.document?.stream) ?? event.streamName;
};

/** The bookkeeper's words for why it is parked: the event's reason or message, else its type. */
const reasonOf = (event: RecordedEvent): string => {
  const data = (event.data ?? {}) as { reason?: unknown; message?: unknown; missing?: unknown };
  const reason = data.reason ?? data.message;
  if (typeof reason === 'string') return reason;
  if (reason && typeof reason === 'object') return JSON.stringify(reason).slice(0, 300);
  return event.type.replace(/\.v\d+$/, '');
};

/**
 * One alert while a document is parked (a missing mapping, a failed validation), one
 * recovery message when it resumes. A second reason for the same document adds nothing:
 * the key is the document.
 */
export class QuarantineAlerts implements SubscriptionHandler {
  readonly name = 'alerts.quarantine';
  readonly filter: { eventTypes: readonly string[] };
  private readonly parked: ReadonlySet<string>;

  constructor(private readonly alerts: AlertSink, private readonly options: QuarantineOptions = {}) {
    const parked = options.parkedTypes ?? DEFAULT_PARKED_TYPES;
    this.parked = new Set(parked);
    this.filter = { eventTypes: [...parked, ...(options.resumedTypes ?? DEFAULT_RESUMED_TYPES)] };
  }

  async handle(event: RecordedEvent): Promise<void> {
    // A saga's copy of an input is not a second parking.
    if (event.metadata.inputStream !== undefined) return;
    const documentStream = (this.options.documentStreamOf ?? defaultDocumentStream)(event);
    const key = quarantineAlertKey(documentStream);
    if (!this.parked.has(event.type)) {
      await this.alerts.clear(key, 'the document resumed');
      return;
    }
    await this.alerts.raise({
      key, kind: 'quarantine', connection: event.metadata.connection, subject: documentStream, documentStream, error: reasonOf(event),
    });
  }
}
