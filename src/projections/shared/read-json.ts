/**
 * Defensive readers for stored payloads. Projections meet every event ever written,
 * including malformed ones, and must never throw on them (STYLE rule 10): a missing or
 * wrong-typed field reads as the fallback, and the caller skips or clamps.
 */

export type Json = Readonly<Record<string, unknown>>;

export const obj = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/** Whole cents within the safe-integer range; anything else counts as 0. */
export const cents = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) ? value : 0);

export const int = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined);

/** A metadata field as text (metadata is open-ended: anything may be there). */
export const meta = (metadata: unknown, field: string): string | undefined => str(obj(metadata)?.[field]);
