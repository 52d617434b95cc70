import type { ChangeNotice } from '../../pipeline/inbound/inbox/inbox-events.js';
import { fieldsKey, idField, isoOrNull, isRecord, parsed, refused, shortText, type Parsed } from '../../pipeline/inbound/webhooks/payload-guards.js';

/** A Procore delivery, read from any of the payload versions, before it is tied to a connection. */
export type ProcoreDelivery = Omit<ChangeNotice, 'connection' | 'source'> & { readonly companyId: string | null; readonly payloadVersion: 'v2' | 'v3' | 'v4' };

const versionOf = (body: Record<string, unknown>): 'v2' | 'v3' | 'v4' => {
  if ('resource_type' in body || 'reason' in body) return 'v4';
  return typeof body.api_version === 'string' && body.api_version.startsWith('v3') ? 'v3' : 'v2';
};

/** Optional id fields: absent (or null) is fine, present must be an id. */
const optionalId = (body: Record<string, unknown>, field: string): Parsed<string | null> => {
  const value = body[field];
  if (value === undefined || value === null) return parsed(null);
  const id = idField(value);
  return id === undefined ? refused(`${field} must be an id`) : parsed(id);
};

/**
 * One Procore webhook event (facts §6.3): v2/v3 with numeric ids, `ulid`, `event_type`
 * and `resource_name`; v4 with string ids, `reason` and `resource_type`. The dedupe key is
 * the ulid (v2/v3) or the event id (v4); derived from the fields if neither is there.
 */
export const parseProcorePayload = (body: unknown): Parsed<ProcoreDelivery> => {
  if (!isRecord(body)) return refused('a Procore webhook body is one JSON object');
  const payloadVersion = versionOf(body);
  const resource = shortText(payloadVersion === 'v4' ? body.resource_type : body.resource_name);
  if (!resource) return refused(payloadVersion === 'v4' ? 'resource_type must be a non-empty string' : 'resource_name must be a non-empty string');
  const resourceId = idField(body.resource_id);
  if (!resourceId) return refused('resource_id must be an id');
  const action = shortText(payloadVersion === 'v4' ? body.reason : body.event_type, 50);
  if (!action) return refused(payloadVersion === 'v4' ? 'reason must be a non-empty string' : 'event_type must be a non-empty string');
  const projectId = optionalId(body, 'project_id');
  if (!projectId.ok) return projectId;
  const companyId = optionalId(body, 'company_id');
  if (!companyId.ok) return companyId;
  const eventId = idField(body.ulid) ?? idField(body.id);
  const occurredAt = isoOrNull(body.timestamp);
  return parsed({
    resource, resourceId, action: action.toLowerCase(), projectId: projectId.value, companyId: companyId.value, occurredAt, payloadVersion,
    noticeId: eventId ?? fieldsKey(resource, resourceId, action, typeof body.timestamp === 'string' ? body.timestamp : null),
    raw: body,
  });
};
