import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Audit } from '../data/model.js';
import type { Json } from '../json/refs.js';
import { badRequest } from './errors.js';
import { positiveInt, type Query, queryOf, single } from './params.js';

/** Default page size is UNCONFIRMED in the facts ("commonly 100"). */
export const DEFAULT_PER_PAGE = 100;
/** Procore recommends ≤ 2000 and "some endpoints cap lower"; the stricter 1000 makes clients follow `Link`. */
export const MAX_PER_PAGE = 1000;

const RANGE_SEPARATOR = '...';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

const timestamp = (text: string, name: string): number => {
  const ms = Date.parse(text);
  if (!TIMESTAMP.test(text) || Number.isNaN(ms)) throw badRequest(`${name} must be an ISO 8601 range (start...end)`);
  return ms;
};

/** `filters[updated_at]=2026-03-01T00:00:00Z...2026-03-02T00:00:00Z`, both ends inclusive. */
const rangeFilter = (query: Query, field: 'updated_at' | 'created_at'): ((row: Audit) => boolean) => {
  const name = `filters[${field}]`;
  const raw = single(query, name);
  if (raw === undefined) return () => true;
  const parts = raw.split(RANGE_SEPARATOR);
  if (parts.length !== 2) throw badRequest(`${name} must be an ISO 8601 range (start...end)`);
  const from = timestamp(parts[0] ?? '', name);
  const to = timestamp(parts[1] ?? '', name);
  return (row) => {
    const at = Date.parse(field === 'updated_at' ? row.updatedAt : row.createdAt);
    return at >= from && at <= to;
  };
};

/** Deleted rows are hidden unless `filters[include_deleted]=with|only` (facts §3). */
const deletedFilter = (query: Query): ((row: Audit) => boolean) => {
  const mode = single(query, 'filters[include_deleted]');
  if (mode === undefined) return (row) => row.deletedAt === null;
  if (mode === 'with') return () => true;
  if (mode === 'only') return (row) => row.deletedAt !== null;
  throw badRequest('filters[include_deleted] must be "with" or "only"');
};

/** The filters every polled list endpoint supports, then a stable id order for paging. */
export const listFilters = <T extends Audit>(request: FastifyRequest, rows: Iterable<T>): T[] => {
  const query = queryOf(request);
  const checks = [rangeFilter(query, 'updated_at'), rangeFilter(query, 'created_at'), deletedFilter(query)];
  return [...rows].filter((row) => checks.every((check) => check(row))).sort((a, b) => a.id - b.id);
};

/** An exact-match filter such as `filters[commitment_id]=786001` or `filters[status]=approved`. */
export const fieldFilter = <T>(request: FastifyRequest, name: string, value: (row: T) => string | number | null): ((row: T) => boolean) => {
  const query = queryOf(request);
  const raw = query[`filters[${name}]`] ?? query[`filters[${name}][]`];
  if (raw === undefined) return () => true;
  const wanted = new Set(Array.isArray(raw) ? raw : [raw]);
  return (row) => wanted.has(String(value(row)));
};

interface PageRequest { readonly page: number; readonly perPage: number }

const pageRequest = (query: Query): PageRequest => {
  const page = single(query, 'page');
  const perPage = single(query, 'per_page');
  return {
    page: page === undefined ? 1 : positiveInt(page, 'page'),
    perPage: perPage === undefined ? DEFAULT_PER_PAGE : Math.min(positiveInt(perPage, 'per_page'), MAX_PER_PAGE),
  };
};

const linkHeader = (request: FastifyRequest, page: number, perPage: number, lastPage: number): string => {
  const url = new URL(request.url, `http://${request.headers.host ?? '127.0.0.1'}`);
  const link = (target: number, rel: string) => {
    url.searchParams.set('page', String(target));
    url.searchParams.set('per_page', String(perPage));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [link(1, 'first')];
  if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'));
  if (page < lastPage) links.push(link(page + 1, 'next'));
  links.push(link(lastPage, 'last'));
  return links.join(', ');
};

/** Sends one page with `Link` (first/prev/next/last, no next on the last page), `Total` and `Per-Page`. */
export const sendPage = <T>(request: FastifyRequest, reply: FastifyReply, rows: readonly T[], toJson: (row: T) => Json): FastifyReply => {
  const { page, perPage } = pageRequest(queryOf(request));
  const lastPage = Math.max(1, Math.ceil(rows.length / perPage));
  const slice = rows.slice((page - 1) * perPage, page * perPage);
  return reply
    .header('Link', linkHeader(request, page, perPage, lastPage))
    .header('Total', String(rows.length))
    .header('Per-Page', String(perPage))
    .send(slice.map(toJson));
};
