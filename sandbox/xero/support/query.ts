import type { FastifyRequest } from 'fastify';
import { isObject, type Json } from './json.js';

/**
 * The list-query subset the simulator understands: `where=` equality clauses joined by AND,
 * `IDs=`, `page`/`pageSize`. Anything else in a where clause is refused rather than ignored,
 * so an adapter never believes a filter was applied when it wasn't.
 */
export interface Clause {
  readonly path: readonly string[];
  readonly value: string | number | boolean;
}

const CLAUSE = /^\s*([A-Za-z][\w.]*)\s*==\s*("(?:[^"\\]|\\.)*"|Guid\("[^"]*"\)|true|false|-?\d+(?:\.\d+)?)\s*/;
const JOINER = /^(AND|&&)\s+/i;

const literal = (raw: string): string | number | boolean => {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw.startsWith('Guid(')) return raw.slice(6, -2);
  if (raw.startsWith('"')) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  return Number(raw);
};

/** Parses `Type=="ACCPAY" AND Status=="AUTHORISED"`; returns an error message when it can't. */
export const parseWhere = (where: string | undefined): Clause[] | string => {
  if (!where?.trim()) return [];
  const clauses: Clause[] = [];
  let rest = where.trim();
  while (rest.length > 0) {
    const match = CLAUSE.exec(rest);
    if (!match?.[1] || !match[2]) return `The where clause is not supported by the sandbox: ${where}`;
    clauses.push({ path: match[1].split('.'), value: literal(match[2]) });
    rest = rest.slice(match[0].length);
    if (rest.length === 0) break;
    const joiner = JOINER.exec(rest);
    if (!joiner) return `The where clause is not supported by the sandbox: ${where}`;
    rest = rest.slice(joiner[0].length);
  }
  return clauses;
};

const at = (o: Json, path: readonly string[]): unknown =>
  path.reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), o);

/** Strings compare case-insensitively, as Xero's database collation does. */
export const matchesWhere = (o: Json, clauses: readonly Clause[]): boolean =>
  clauses.every(({ path, value }) => {
    const actual = at(o, path);
    if (typeof value === 'string' && typeof actual === 'string') return actual.toLowerCase() === value.toLowerCase();
    return actual === value;
  });

/** A comma-separated id list (`IDs=a,b`), or undefined when absent. */
export const idList = (value: string | undefined): Set<string> | undefined =>
  value ? new Set(value.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean)) : undefined;

export interface Page<T> {
  readonly items: T[];
  readonly pagination: { page: number; pageSize: number; pageCount: number; itemCount: number };
}

/** 1-based pages; pageSize defaults to 100 and is capped at 1000 (both UNCONFIRMED in the facts). */
export const paginate = <T>(items: readonly T[], page?: string, pageSize?: string): Page<T> => {
  const size = Math.min(1000, Math.max(1, Number.parseInt(pageSize ?? '', 10) || 100));
  const number = Math.max(1, Number.parseInt(page ?? '', 10) || 1);
  const start = (number - 1) * size;
  return {
    items: items.slice(start, start + size),
    pagination: { page: number, pageSize: size, pageCount: Math.ceil(items.length / size), itemCount: items.length },
  };
};

export type Query = Readonly<Record<string, string | undefined>>;

/** Query parameters as single strings: a repeated key (`IDs=a&IDs=b`) is joined with commas, never an array. */
export const queryOf = (request: FastifyRequest): Query => {
  const raw = isObject(request.query) ? request.query : {};
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : undefined]));
};
