/**
 * QuickBooks answers in the company's local time with an offset, never `Z`
 * ("2015-02-09T10:17:20.251-08:00"). The simulated company sits at a fixed -07:00.
 */
const OFFSET_MINUTES = -7 * 60;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const shifted = (date: Date) => new Date(date.getTime() + OFFSET_MINUTES * 60_000);

const offset = (colon: boolean) => {
  const sign = OFFSET_MINUTES < 0 ? '-' : '+';
  const abs = Math.abs(OFFSET_MINUTES);
  return `${sign}${pad(Math.trunc(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
};

const localParts = (date: Date) => {
  const d = shifted(date);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** Envelope `time`: milliseconds and `-07:00`. */
export const envelopeTime = (date: Date): string => `${localParts(date)}.${pad(shifted(date).getUTCMilliseconds(), 3)}${offset(true)}`;

/** `MetaData.CreateTime` / `LastUpdatedTime`: whole seconds and `-07:00`. */
export const metaTime = (date: Date): string => `${localParts(date)}${offset(true)}`;

/** Legacy webhook `lastUpdated`: whole seconds and `-0700` (no colon), as in Intuit's samples. */
export const legacyWebhookTime = (date: Date): string => `${localParts(date)}${offset(false)}`;

/** The company's calendar date, the default `TxnDate`. */
export const localDate = (date: Date): string => localParts(date).slice(0, 10);

/** Floors to the second: what `MetaData` shows is what queries and CDC compare against. */
export const toSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;
