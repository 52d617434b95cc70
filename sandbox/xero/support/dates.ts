/**
 * Xero answers dates twice: the legacy WCF form `/Date(ms+0000)/` and an ISO string
 * (`DateString`, `eventDateUtc`). Requests send `YYYY-MM-DD`, ISO or the legacy form.
 */
export const legacyDate = (ms: number): string => `/Date(${ms}+0000)/`;

/** The envelope's DateTimeUTC, shown without an offset in Xero's examples. */
export const envelopeDate = (ms: number): string => `/Date(${ms})/`;

/** `2026-03-31T00:44:09.923`: ISO without a zone designator, as webhook events carry it. */
export const isoNoZone = (ms: number): string => new Date(ms).toISOString().replace('Z', '');

/** `2026-03-31T00:00:00`, as DateString / DueDateString. */
export const dateString = (day: string): string => `${day}T00:00:00`;

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const dayToMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

const LEGACY = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const DAY = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+)?$/;

/** A request date as `YYYY-MM-DD`, or undefined when it can't be read. */
export const parseDay = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const legacy = LEGACY.exec(value);
  if (legacy) return dayOf(Number(legacy[1]));
  const day = DAY.exec(value);
  if (!day?.[1] || Number.isNaN(dayToMs(day[1]))) return undefined;
  return day[1];
};

/** If-Modified-Since as epoch ms; a time without a zone is UTC (Xero's convention), not local. */
export const parseIfModifiedSince = (header: string | undefined): number | undefined => {
  if (!header) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(header) ? `${header}Z` : header;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
};
