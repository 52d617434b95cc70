import { randomBytes } from 'node:crypto';
import type { DeliveryPolicy } from '../../kit/index.js';
import type { Id } from '../data/model.js';
import type { ChangeNotice } from '../data/store.js';

/** Payload formats, chosen per hook by its `api_version` (facts §6.3). */
export const PAYLOAD_VERSIONS = ['v2.0', 'v3.0', 'v4.0'] as const;
export type PayloadVersion = (typeof PAYLOAD_VERSIONS)[number];

/** Accepts "v2" as the docs' request examples write it, and "v2.0" as payloads echo it. */
export const payloadVersionOf = (value: unknown): PayloadVersion | null => {
  if (value === undefined) return 'v2.0';
  if (typeof value !== 'string') return null;
  const normalized = /^v\d$/.test(value) ? `${value}.0` : value;
  return (PAYLOAD_VERSIONS as readonly string[]).includes(normalized) ? (normalized as PayloadVersion) : null;
};

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (48-bit time, 80 random bits, Crockford base32): the v2 dedupe key. */
export const ulid = (at: Date): string => {
  let time = at.getTime();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = (CROCKFORD[time % 32] ?? '0') + head;
    time = Math.floor(time / 32);
  }
  const random = [...randomBytes(16)].map((byte) => CROCKFORD[byte % 32] ?? '0').join('');
  return head + random;
};

export interface WebhookEvent {
  readonly id: number;
  readonly ulid: string;
  readonly notice: ChangeNotice;
  readonly companyId: Id;
}

/** Procore timestamps carry microseconds ("…12.246562Z"). */
const micros = (at: Date): string => at.toISOString().replace('Z', '000Z');

/**
 * One event as a delivery body. v2/v3 use numeric ids, `ulid`, `metadata`, `event_type` and
 * `resource_name`; v4 uses string ids, `reason`, `resource_type` and (stricter, since the
 * facts leave it open) no `ulid` or `metadata`. `project_id` is absent for company resources.
 */
export const payloadFor = (version: PayloadVersion, event: WebhookEvent): Record<string, unknown> => {
  const { notice } = event;
  const project = notice.projectId === null ? {} : { project_id: notice.projectId };
  if (version === 'v4.0') {
    return {
      id: event.ulid, timestamp: micros(notice.at), reason: notice.eventType, company_id: String(event.companyId),
      ...(notice.projectId === null ? {} : { project_id: String(notice.projectId) }), user_id: String(notice.actor.userId),
      resource_type: notice.resourceName, resource_id: String(notice.resourceId),
    };
  }
  return {
    id: event.id, ulid: event.ulid, timestamp: micros(notice.at),
    metadata: {
      source_user_id: notice.actor.userId, source_project_id: notice.projectId, source_operation_id: null,
      source_company_id: event.companyId, source_application_id: notice.actor.applicationId,
    },
    user_id: notice.actor.userId, company_id: event.companyId, ...project, api_version: version,
    event_type: notice.eventType, resource_name: notice.resourceName, resource_id: notice.resourceId,
    ...(version === 'v3.0' ? { related_resources: [] } : {}),
  };
};

export interface ProcoreRetrySchedule {
  readonly timeoutMs?: number;
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly giveUpAfterMs?: number;
}

/**
 * Procore's delivery behaviour (facts §6.4): 5 s timeout; retries back off exponentially from
 * 1 s up to 1 h; a message still failing after 12 h of retrying is discarded. Tests pass a
 * scaled-down schedule.
 */
export const procoreDeliveryPolicy = (schedule: ProcoreRetrySchedule = {}): DeliveryPolicy => {
  const first = schedule.firstDelayMs ?? 1000;
  const max = schedule.maxDelayMs ?? 60 * 60 * 1000;
  const giveUp = schedule.giveUpAfterMs ?? 12 * 60 * 60 * 1000;
  const delay = (attempt: number) => Math.min(first * 2 ** Math.min(attempt - 1, 40), max);
  return {
    timeoutMs: schedule.timeoutMs ?? 5000,
    retryDelayMs: (attempt) => {
      let waited = 0;
      for (let n = 1; n < attempt; n++) waited += delay(n);
      return waited + delay(attempt) > giveUp ? undefined : delay(attempt);
    },
  };
};
