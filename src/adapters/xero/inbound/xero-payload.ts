import type { ChangeNotice } from '../../pipeline/inbound/inbox/inbox-events.js';
import { fieldsKey, idField, isoOrNull, isRecord, parsed, refused, shortText, type Parsed } from '../../pipeline/inbound/webhooks/payload-guards.js';

export type XeroDelivery = Omit<ChangeNotice, 'connection' | 'source'> & { readonly tenantId: string };

const MAX_EVENTS = 1000;

const xeroEvent = (event: unknown): Parsed<XeroDelivery> => {
  if (!isRecord(event)) return refused('events[] must be objects');
  const tenantId = idField(event.tenantId);
  const resourceId = idField(event.resourceId);
  const category = shortText(event.eventCategory, 50);
  const eventType = shortText(event.eventType, 50);
  if (!tenantId || !resourceId || !category || !eventType) return refused('each event needs tenantId, resourceId, eventCategory and eventType');
  const date = typeof event.eventDateUtc === 'string' ? event.eventDateUtc : null;
  // Xero's eventDateUtc has no zone designator; it is UTC.
  const occurredAt = isoOrNull(date && !/[zZ]|[+-]\d\d:?\d\d$/.test(date) ? `${date}Z` : date);
  return parsed({
    tenantId, resource: category.toUpperCase(), resourceId, projectId: null, action: eventType.toLowerCase(), occurredAt,
    // Xero events carry no id of their own; the change they describe identifies them.
    noticeId: fieldsKey(tenantId, category.toUpperCase(), resourceId, eventType.toUpperCase(), occurredAt ?? date),
    raw: event,
  });
};

/**
 * A Xero delivery (facts §9.2): `{ events: [...], firstEventSequence, lastEventSequence,
 * entropy }`. An intent-to-receive probe is the same shape with no events.
 */
export const parseXeroPayload = (body: unknown): Parsed<XeroDelivery[]> => {
  if (!isRecord(body) || !Array.isArray(body.events)) return refused('expected an object with an events list');
  if (body.events.length > MAX_EVENTS) return refused(`more than ${MAX_EVENTS} events in one delivery`);
  const out: XeroDelivery[] = [];
  for (const event of body.events) {
    const one = xeroEvent(event);
    if (!one.ok) return one;
    out.push(one.value);
  }
  return parsed(out);
};
