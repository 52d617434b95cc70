import { pollNoticeId, type ChangeNotice } from '../../pipeline/inbound/inbox/inbox-events.js';
import { fieldsKey, idField, isoOrNull, isRecord, parsed, refused, shortText, type Parsed } from '../../pipeline/inbound/webhooks/payload-guards.js';

/** One entity change from an Intuit delivery, with the realm it belongs to. */
export type QuickBooksDelivery = Omit<ChangeNotice, 'connection' | 'source'> & { readonly realmId: string };

/** Lowercase CloudEvents entity names back to the API's entity names (facts §11.2 list). */
const ENTITY_NAMES = [
  'Account', 'Bill', 'BillPayment', 'Budget', 'Class', 'CreditMemo', 'Currency', 'Customer', 'Department', 'Deposit', 'Employee',
  'Estimate', 'Invoice', 'Item', 'JournalCode', 'JournalEntry', 'Payment', 'PaymentMethod', 'Preferences', 'Purchase',
  'PurchaseOrder', 'RefundReceipt', 'SalesReceipt', 'TaxAgency', 'Term', 'TimeActivity', 'Transfer', 'Vendor', 'VendorCredit',
];
const BY_LOWER = new Map(ENTITY_NAMES.map((name) => [name.toLowerCase(), name]));
export const qboEntityName = (name: string): string => BY_LOWER.get(name.toLowerCase()) ?? name;

/** CloudEvents verbs (created, updated, ...) in the legacy operation words (create, update, ...). */
const VERBS: Readonly<Record<string, string>> = { created: 'create', updated: 'update', deleted: 'delete', voided: 'void', merged: 'merge', emailed: 'emailed' };

const MAX_NOTICES = 1000;

const legacyEntity = (realmId: string, entity: unknown): Parsed<QuickBooksDelivery> => {
  if (!isRecord(entity)) return refused('dataChangeEvent.entities[] must be objects');
  const name = shortText(entity.name, 100);
  const id = idField(entity.id);
  const operation = shortText(entity.operation, 50);
  if (!name || !id || !operation) return refused('each entity needs name, id and operation');
  const lastUpdated = typeof entity.lastUpdated === 'string' ? entity.lastUpdated : null;
  const occurredAt = isoOrNull(lastUpdated);
  return parsed({
    realmId, resource: qboEntityName(name), resourceId: id, projectId: null, action: operation.toLowerCase(), occurredAt,
    // Legacy notifications carry no id: the entity and the version they announce (lastUpdated) identify
    // them, the same key the CDC poll gives that version, so the two meet in the inbox.
    noticeId: occurredAt ? pollNoticeId(qboEntityName(name), id, occurredAt) : fieldsKey(realmId, qboEntityName(name), id, operation.toLowerCase(), lastUpdated),
    raw: { realmId, ...entity },
  });
};

const legacy = (body: Record<string, unknown>): Parsed<QuickBooksDelivery[]> => {
  if (!Array.isArray(body.eventNotifications)) return refused('eventNotifications must be a list');
  const out: QuickBooksDelivery[] = [];
  for (const notification of body.eventNotifications) {
    if (!isRecord(notification)) return refused('eventNotifications[] must be objects');
    const realmId = idField(notification.realmId);
    const change = notification.dataChangeEvent;
    if (!realmId || !isRecord(change) || !Array.isArray(change.entities)) return refused('each notification needs realmId and dataChangeEvent.entities');
    for (const entity of change.entities) {
      const one = legacyEntity(realmId, entity);
      if (!one.ok) return one;
      out.push(one.value);
    }
  }
  return parsed(out);
};

const cloudEvent = (event: unknown): Parsed<QuickBooksDelivery> => {
  if (!isRecord(event)) return refused('CloudEvents must be objects');
  const id = shortText(event.id, 200);
  const type = shortText(event.type, 200);
  const realmId = idField(event.intuitaccountid);
  const entityId = idField(event.intuitentityid);
  if (!id || !type || !realmId || !entityId) return refused('each CloudEvent needs id, type, intuitaccountid and intuitentityid');
  const match = /^qbo\.([a-z]+)\.([a-z]+)\.v\d+$/i.exec(type);
  if (!match) return refused(`unknown CloudEvent type ${JSON.stringify(type.slice(0, 80))}`);
  const verb = match[2]!.toLowerCase();
  return parsed({
    realmId, resource: qboEntityName(match[1]!), resourceId: entityId, projectId: null, action: VERBS[verb] ?? verb,
    occurredAt: isoOrNull(event.time), noticeId: `ce:${id}`, raw: event,
  });
};

/**
 * An Intuit delivery in either shape (facts §11.2-11.3): a JSON array is CloudEvents, an
 * object with `eventNotifications` the legacy format. One notice per entity change.
 */
export const parseQuickBooksPayload = (body: unknown): Parsed<QuickBooksDelivery[]> => {
  if (Array.isArray(body)) {
    // Intuit sends a batch only when something changed: an empty one is not a notification.
    if (body.length === 0) return refused('a CloudEvents batch with no events');
    if (body.length > MAX_NOTICES) return refused(`more than ${MAX_NOTICES} events in one delivery`);
    const out: QuickBooksDelivery[] = [];
    for (const event of body) {
      const one = cloudEvent(event);
      if (!one.ok) return one;
      out.push(one.value);
    }
    return parsed(out);
  }
  if (isRecord(body) && 'eventNotifications' in body) {
    const result = legacy(body);
    if (result.ok && result.value.length === 0) return refused('eventNotifications names no entity');
    return result.ok && result.value.length > MAX_NOTICES ? refused(`more than ${MAX_NOTICES} entities in one delivery`) : result;
  }
  return refused('expected a CloudEvents array or an object with eventNotifications');
};
