import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseIfModifiedSince } from '../support/dates.js';
import { postDataInvalid } from '../support/errors.js';
import type { Json } from '../support/json.js';
import { idList, matchesWhere, paginate, parseWhere, queryOf } from '../support/query.js';
import { envelope } from './batch.js';

export interface ListSpec<T> {
  readonly collection: string;
  readonly providerName: string;
  readonly nowMs: number;
  readonly records: readonly T[];
  readonly id: (record: T) => string;
  readonly updatedMs: (record: T) => number;
  readonly view: (record: T) => Json;
}

/**
 * A GET over a collection: If-Modified-Since (records changed at or after it, so a sync
 * that reuses its last UpdatedDateUTC sees the boundary record again rather than missing
 * it), IDs=, where=, then 1-based pages of pageSize (default 100), always paginated.
 */
export const listResponse = <T>(request: FastifyRequest, reply: FastifyReply, spec: ListSpec<T>) => {
  const query = queryOf(request);
  const clauses = parseWhere(query.where);
  if (typeof clauses === 'string') return reply.code(400).send(postDataInvalid(clauses));
  const header = request.headers['if-modified-since'];
  const since = parseIfModifiedSince(typeof header === 'string' ? header : undefined);
  const ids = idList(query.IDs);
  const views = spec.records
    .filter((r) => since === undefined || spec.updatedMs(r) >= since)
    .filter((r) => !ids || ids.has(spec.id(r).toLowerCase()))
    .map(spec.view)
    .filter((v) => matchesWhere(v, clauses));
  const page = paginate(views, query.page, query.pageSize);
  return reply.send(envelope(spec.providerName, spec.nowMs, { pagination: page.pagination, [spec.collection]: page.items }));
};

export const singleResponse = (reply: FastifyReply, providerName: string, nowMs: number, collection: string, view: Json) =>
  reply.send(envelope(providerName, nowMs, { [collection]: [view] }));
