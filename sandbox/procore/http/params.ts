import type { FastifyRequest } from 'fastify';
import type { Audit, Id } from '../data/model.js';
import type { ProcoreStore } from '../data/store.js';
import { badRequest, notFound } from './errors.js';

export type Query = Readonly<Record<string, string | string[] | undefined>>;
export type Body = Record<string, unknown>;

export const queryOf = (request: FastifyRequest): Query => (request.query ?? {}) as Query;

/** One value of a query parameter; repeating a scalar parameter is malformed. */
export const single = (query: Query, name: string): string | undefined => {
  const value = query[name];
  if (Array.isArray(value)) throw badRequest(`${name} must be given once`);
  return value;
};

const INTEGER = /^[1-9]\d{0,15}$/;

export const positiveInt = (value: unknown, name: string): number => {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !INTEGER.test(text)) throw badRequest(`${name} must be a positive integer`);
  return Number(text);
};

export const pathId = (request: FastifyRequest, name = 'id'): Id =>
  positiveInt((request.params as Record<string, string | undefined>)[name], name);

/** `project_id` is required on project-scoped v1.x endpoints; another project is not found. */
export const requireProject = (store: ProcoreStore, query: Query | Body, name = 'project_id'): Id => {
  const raw = (query as Body)[name];
  if (raw === undefined) throw badRequest(`Missing required parameter: ${name}`);
  const id = positiveInt(Array.isArray(raw) ? '' : raw, name);
  if (id !== store.project.id) throw notFound('Project');
  return id;
};

export const requirePathProject = (store: ProcoreStore, request: FastifyRequest): Id => {
  const id = pathId(request, 'project_id');
  if (id !== store.project.id) throw notFound('Project');
  return id;
};

/** `company_id` is optional where the header already names the company, but must agree. */
export const checkCompany = (store: ProcoreStore, query: Query | Body, required = false): void => {
  const raw = (query as Body).company_id;
  if (raw === undefined) {
    if (required) throw badRequest('Missing required parameter: company_id');
    return;
  }
  if (positiveInt(Array.isArray(raw) ? '' : raw, 'company_id') !== store.company.id) throw notFound('Company');
};

export const bodyOf = (request: FastifyRequest): Body => {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('Request body must be a JSON object');
  return body as Body;
};

/** The resource object inside Procore's wrapper key (`{ "requisition": { ... } }`). */
export const wrapped = (body: Body, key: string): Body => {
  const inner = body[key];
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw badRequest(`Missing required parameter: ${key}`);
  return inner as Body;
};

export const findLive = <T extends Audit>(store: ProcoreStore, map: ReadonlyMap<Id, T>, id: Id, what: string): T => {
  const row = store.live(map, id);
  if (!row) throw notFound(what);
  return row;
};

export const optionalString = (body: Body, name: string): string | null | undefined => {
  const value = body[name];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string' && typeof value !== 'number') throw badRequest(`${name} must be a string`, { [name]: ['must be a string'] });
  return String(value);
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isoDate = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw badRequest(`${name} must be a date (YYYY-MM-DD)`, { [name]: ['is not a valid date'] });
  }
  return value;
};

/** `project_id` from the query string, or for writes from the JSON body. */
export const requireProjectOf = (store: ProcoreStore, request: FastifyRequest): Id => {
  const query = queryOf(request);
  const body = typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? (request.body as Body) : {};
  return requireProject(store, query.project_id !== undefined ? query : body);
};
