import type { BooksRef } from '../shared/books-ref.js';
import type { MappingProblem } from './mapping.types.js';

/**
 * Readers for a mapping document that arrives as plain data (YAML or JSON parsed by an
 * adapter). Each reader returns the value, or undefined after adding a problem that names the
 * path: user input never throws.
 */
export type Problems = MappingProblem[];

export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as it would be written back in the document, for messages. */
export const show = (value: unknown): string => {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? '[...]' : typeof value === 'object' ? '{...}' : String(value); // a YAML alias cycle, a BigInt
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

export const readRecord = (raw: unknown, path: string, problems: Problems): Readonly<Record<string, unknown>> | undefined => {
  if (isRecord(raw)) return raw;
  problems.push({ path, message: `expected a mapping of fields, got ${show(raw)}` });
  return undefined;
};

/** Names each field the reader does not know, so a typo ("acount") is not silently ignored. */
export const checkKnownFields = (raw: Readonly<Record<string, unknown>>, known: readonly string[], path: string, problems: Problems): void => {
  for (const field of Object.keys(raw)) {
    if (!known.includes(field)) problems.push({ path: `${path}.${field}`, message: `unknown field (expected one of ${known.join(', ')})` });
  }
};

export const readText = (raw: unknown, path: string, problems: Problems): string | undefined => {
  if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
  problems.push({ path, message: `expected non-empty text, got ${show(raw)}` });
  return undefined;
};

/** Ids are strings; YAML turns an unquoted 61 into a number, which is accepted when whole. */
export const readId = (raw: unknown, path: string, problems: Problems): string | undefined => {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return String(raw);
  if (typeof raw === 'string' && /^\S+$/.test(raw.trim()) && raw.trim() !== '') return raw.trim();
  problems.push({ path, message: `expected an id (text without spaces), got ${show(raw)}` });
  return undefined;
};

/**
 * How the books name a reference. `id`: QuickBooks Online and Xero ids (text without spaces).
 * `id-or-full-name`: QuickBooks Desktop, where every `…Ref` takes a ListID or a FullName
 * (qbd §4), so `Job Costs:Subcontractors` or `23 HVAC` is as good as `80000012-1712345678`.
 */
export type RefSyntax = 'id' | 'id-or-full-name';

/** A FullName is at most 159 characters (qbd §4), each colon-separated level non-empty. */
const FULL_NAME_MAX = 159;

const readIdOrFullName = (raw: unknown, path: string, problems: Problems): string | undefined => {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return String(raw);
  const text = typeof raw === 'string' ? raw.trim() : '';
  const levels = text.split(':');
  if (text !== '' && text.length <= FULL_NAME_MAX && levels.every((level) => level.trim() !== '')) return text;
  problems.push({
    path, message: `expected a ListID or a FullName (levels separated by ":", at most ${FULL_NAME_MAX} characters), got ${show(raw)}`,
  });
  return undefined;
};

export const readBoolean = (raw: unknown, path: string, problems: Problems): boolean | undefined => {
  if (typeof raw === 'boolean') return raw;
  problems.push({ path, message: `expected true or false, got ${show(raw)}` });
  return undefined;
};

export const readChoice = <T extends string>(raw: unknown, choices: readonly T[], path: string, problems: Problems): T | undefined => {
  if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) return raw as T;
  problems.push({ path, message: `expected one of ${choices.join(', ')}, got ${show(raw)}` });
  return undefined;
};

/** A books reference: `{ value: "61", name: "Subcontractors" }`, or just the id (or, in QuickBooks Desktop, the FullName). */
export const readRef = (raw: unknown, path: string, problems: Problems, syntax: RefSyntax = 'id'): BooksRef | undefined => {
  const readValue = syntax === 'id' ? readId : readIdOrFullName;
  if (!isRecord(raw)) {
    const id = readValue(raw, path, problems);
    return id === undefined ? undefined : { value: id };
  }
  checkKnownFields(raw, ['value', 'name'], path, problems);
  const value = readValue(raw.value, `${path}.value`, problems);
  if (raw.name === undefined) return value === undefined ? undefined : { value };
  const name = readText(raw.name, `${path}.name`, problems);
  return value === undefined || name === undefined ? undefined : { value, name };
};
