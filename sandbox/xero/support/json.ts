/** Narrowing helpers for request bodies, which are untrusted `unknown` JSON. */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const readString = (o: Json, key: string): string | undefined => {
  const value = o[key];
  return typeof value === 'string' ? value : undefined;
};

export const readObject = (o: Json, key: string): Json | undefined => {
  const value = o[key];
  return isObject(value) ? value : undefined;
};

/** True when the key is present with a value that is not a string. */
export const notAString = (o: Json, key: string): boolean => o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string';

export const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Xero's all-zero GUID, which error elements carry for objects that were never created. */
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (value: string): boolean => GUID.test(value);
