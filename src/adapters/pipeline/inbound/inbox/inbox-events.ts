import { deterministicEventId } from '../../../../eventstore/event-id.js';
import type { EventData } from '../../../../eventstore/event-store.port.js';

export type InboxSource = 'procore' | 'quickbooks' | 'xero' | 'qbd';
export type InboxVia = 'webhook' | 'poll';

/**
 * One change a source told us about (webhook) or we found (poll): ids, not documents.
 * The inbox processor fetches the document; this is the audit trail of the announcement.
 */
export interface ChangeNotice {
  readonly connection: string;
  readonly source: InboxSource;
  /** The source's own name for the resource: "Requisitions", "Bill", "INVOICE", ... */
  readonly resource: string;
  readonly resourceId: string;
  /** Procore project of the resource; null for company-level resources and the books. */
  readonly projectId: string | null;
  /** As the source said it: create, update, delete, void, merge, ... (lowercase). */
  readonly action: string;
  /** When the change happened, per the source (webhook timestamp, updated_at); null when not said. */
  readonly occurredAt: string | null;
  /** The source's id of this notification (Procore ulid, CloudEvents id) or a key derived from its fields. */
  readonly noticeId: string;
  /** Polls: the version seen (updated_at, LastUpdatedTime), so a later poll of the same version dedupes. */
  readonly version?: string;
  /** This notification as received (one entity of a batched delivery), kept for audit. */
  readonly raw: unknown;
}

export const INBOX_EVENT_TYPES = {
  procore: { webhook: 'ProcoreWebhookReceived.v1', poll: 'ProcoreChangePolled.v1' },
  quickbooks: { webhook: 'QuickBooksWebhookReceived.v1', poll: 'QuickBooksChangePolled.v1' },
  xero: { webhook: 'XeroWebhookReceived.v1', poll: 'XeroChangePolled.v1' },
  // QuickBooks Desktop sends nothing: what the hub reads through the Web Connector is polled.
  qbd: { webhook: 'QbdWebhookReceived.v1', poll: 'QbdChangePolled.v1' },
} as const;

export const ALL_INBOX_EVENT_TYPES: readonly string[] = Object.values(INBOX_EVENT_TYPES).flatMap((t) => [t.webhook, t.poll]);

/** `{connection}.inbox.{source}`: every announcement of a change, in arrival order. */
export const inboxStream = (connection: string, source: InboxSource): string => `${connection}.inbox.${source}`;

export const isInboxStream = (stream: string): boolean => /^[a-z0-9][a-z0-9_-]*\.inbox\.(procore|quickbooks|xero|qbd)$/.test(stream);

/**
 * The same notification always gets the same event id, so a redelivered webhook (or a
 * poll finding a version it already announced) appends nothing. The data and metadata
 * are deterministic too: the store treats a same-id, same-content append as a replay.
 * The id does not depend on the path: a webhook whose notice id is the resource and
 * version (QuickBooks legacy) and the poll that finds that version are one notice.
 */
export const inboxEvent = (notice: ChangeNotice, via: InboxVia): EventData<ChangeNotice> => {
  const id = deterministicEventId('inbox', notice.connection, notice.source, notice.noticeId);
  return {
    id,
    type: INBOX_EVENT_TYPES[notice.source][via],
    data: notice,
    metadata: { correlationId: id, causationId: null, connection: notice.connection, source: notice.source },
  };
};

/** A poll's notice id: the resource and the version seen. */
export const pollNoticeId = (resource: string, resourceId: string, version: string): string => `${resource}:${resourceId}@${version}`;
