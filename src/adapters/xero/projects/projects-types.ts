import { createHash } from 'node:crypto';

/** The Projects API's records as the hub reads them (facts §11: camelCase, ids are GUID strings). */
export interface XeroProject {
  readonly projectId: string;
  readonly name: string;
  readonly contactId: string | null;
  readonly status: 'INPROGRESS' | 'CLOSED';
}

export type XeroChargeType = 'TIME' | 'FIXED' | 'NON_CHARGEABLE';

export interface XeroTask {
  readonly taskId: string;
  readonly projectId: string;
  readonly name: string;
  readonly chargeType: XeroChargeType;
}

export interface XeroProjectUser {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
}

export interface XeroTimeEntry {
  readonly timeEntryId: string;
  readonly projectId: string;
  readonly taskId: string;
  readonly userId: string;
  /** ISO-8601 UTC. */
  readonly dateUtc: string;
  readonly duration: number;
  readonly description: string | null;
}

type Raw = Record<string, unknown>;
const text = (raw: Raw, key: string): string | undefined => (typeof raw[key] === 'string' && raw[key] !== '' ? raw[key] as string : undefined);

/** Each reader answers undefined for a record without the fields the hub relies on (an invalid response). */
export const readProject = (raw: Raw): XeroProject | undefined => {
  const projectId = text(raw, 'projectId');
  const name = text(raw, 'name');
  if (!projectId || !name) return undefined;
  return { projectId, name, contactId: text(raw, 'contactId') ?? null, status: raw.status === 'CLOSED' ? 'CLOSED' : 'INPROGRESS' };
};

export const readTask = (raw: Raw): XeroTask | undefined => {
  const taskId = text(raw, 'taskId');
  const projectId = text(raw, 'projectId');
  const name = text(raw, 'name');
  const chargeType = raw.chargeType;
  if (!taskId || !projectId || !name || (chargeType !== 'TIME' && chargeType !== 'FIXED' && chargeType !== 'NON_CHARGEABLE')) return undefined;
  return { taskId, projectId, name, chargeType };
};

export const readUser = (raw: Raw): XeroProjectUser | undefined => {
  const userId = text(raw, 'userId');
  if (!userId) return undefined;
  return { userId, name: text(raw, 'name') ?? '', email: text(raw, 'email') ?? '' };
};

export const readTimeEntry = (raw: Raw): XeroTimeEntry | undefined => {
  const timeEntryId = text(raw, 'timeEntryId');
  const projectId = text(raw, 'projectId');
  const taskId = text(raw, 'taskId');
  const userId = text(raw, 'userId');
  const dateUtc = text(raw, 'dateUtc');
  if (!timeEntryId || !projectId || !taskId || !userId || !dateUtc || typeof raw.duration !== 'number') return undefined;
  return { timeEntryId, projectId, taskId, userId, dateUtc, duration: raw.duration, description: text(raw, 'description') ?? null };
};

/** Names compare as Xero compares them: case-insensitive, surrounding spaces ignored. */
export const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The hub's marker first, then a space or nothing: `…:3` must not match `…:31`. */
export const isMarkedBy = (description: string | null, marker: string): boolean =>
  description !== null && (description === marker || description.startsWith(`${marker} `));

/** Xero's Idempotency-Key holds at most 128 characters (facts §2, §11). */
export const MAX_IDEMPOTENCY_KEY = 128;

/**
 * One key per write of a multi-step call (project, task, time entry), derived from the
 * call's key so a redelivery replays each step; hashed when it would pass 128 characters.
 */
export const stepKey = (callKey: string, step: string): string => {
  const key = `${callKey}:${step}`;
  return key.length <= MAX_IDEMPOTENCY_KEY ? key : `${createHash('sha256').update(key).digest('hex')}:${step}`.slice(0, MAX_IDEMPOTENCY_KEY);
};

/** A timecard's day (`YYYY-MM-DD`) as the time entry's dateUtc: midnight UTC of that day. */
export const dayToDateUtc = (day: string): string => `${day}T00:00:00Z`;
