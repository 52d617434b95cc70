import { documentStream as streamOf, type DocumentRef } from '../../domain/documents/document-ref.js';
import type { RecordedEvent } from '../../eventstore/index.js';
import type { SubscriptionHandler } from '../../platform/subscriptions/subscription-handler.js';
import type { AlertSink } from './alert-events.js';
import { LEGACY_INVOICE_SYNC } from '../../domain/invoice-sync/legacy-events.js';

export interface QuarantineOptions {
  /** Events that park a document (default: the invoice-sync saga's before issue 12, see below). */
  readonly parkedTypes?: readonly string[];
  /** Events that release it. */
  readonly resumedTypes?: readonly string[];
  /**
   * The document an event is about; default: `data.documentStream`, else the DocumentRef in
   * `data.invoice` / `data.document`, else the event's own stream.
   */
  readonly documentStreamOf?: (event: RecordedEvent) => string;
}

/**
 * The invoice saga's parks as it wrote them before issue 12: still stored, so still alerted
 * on and cleared. Every saga, the invoice saga included, now parks with DocumentSyncParked.v1
 * (SagasModule's `alerts.quarantine.documents`). MappingMissing / ValidationFailed always
 * come in the same append as the park, whose message names every reason, so they raise
 * nothing of their own: a second subscriber raising on them could re-open an alert the
 * other had already cleared.
 */
export const DEFAULT_PARKED_TYPES: readonly string[] = [LEGACY_INVOICE_SYNC.parked];
export const DEFAULT_RESUMED_TYPES: readonly string[] = [LEGACY_INVOICE_SYNC.resumed];

export const quarantineAlertKey = (documentStream: string): string => `quarantine:${documentStream}`;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

const refStream = (value: unknown): string | undefined => {
  const ref = value as Partial<DocumentRef> | undefined;
  return ref && text(ref.connection) && text(ref.source) && text(ref.type) && text(ref.externalId) ? streamOf(ref as DocumentRef) : undefined;
};

const defaultDocumentStream = (event: RecordedEvent): string => {
  const data = (event.data ?? {}) as { documentStream?: unknown; invoice?: unknown; document?: unknown };
  return text(data.documentStream) ?? refStream(data.invoice) ?? refStream(data.document) ?? event.streamName;
};

/** The bookkeeper's words for why it is parked: the event's reason or message, else its type. */
const reasonOf = (event: RecordedEvent): string => {
  const data = (event.data ?? {}) as { reason?: unknown; message?: unknown };
  const reason = data.message ?? data.reason;
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
