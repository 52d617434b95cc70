import type { FastifyRequest } from 'fastify';
import type { ProcoreStore } from '../data/store.js';
import { badRequest, notFound } from '../http/errors.js';
import { type Body, positiveInt, queryOf } from '../http/params.js';
import { type PayloadVersion, payloadVersionOf } from './payloads.js';
import type { Scope } from './registry.js';

/** `company_id` xor `project_id`, from the body of writes or the query of reads. */
export const scopeOf = (store: ProcoreStore, request: FastifyRequest): Scope => {
  const body = typeof request.body === 'object' && request.body !== null ? (request.body as Body) : {};
  const source: Body = { ...queryOf(request), ...body };
  const hasCompany = source.company_id !== undefined;
  const hasProject = source.project_id !== undefined;
  if (hasCompany === hasProject) throw badRequest('Exactly one of company_id or project_id is required');
  if (hasCompany) {
    if (positiveInt(source.company_id, 'company_id') !== store.company.id) throw notFound('Company');
    return { companyId: store.company.id, projectId: null };
  }
  if (positiveInt(source.project_id, 'project_id') !== store.project.id) throw notFound('Project');
  return { companyId: null, projectId: store.project.id };
};

export const apiVersionOf = (value: unknown): PayloadVersion => {
  const version = payloadVersionOf(value);
  if (!version) throw badRequest('api_version must be one of v2, v3, v4', { api_version: ['is not included in the list'] });
  return version;
};

/** Lowercase a-z, 0-9 and hyphens (facts §6.1). */
export const namespaceOf = (value: unknown): string => {
  if (typeof value !== 'string' || !/^[a-z0-9-]+$/.test(value)) {
    throw badRequest('namespace may only contain lowercase letters, digits and hyphens', { namespace: ['is invalid'] });
  }
  return value;
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Procore delivers over HTTPS only; plain http is allowed to loopback receivers for local tests. */
export const destinationOf = (value: unknown): string => {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw badRequest('destination_url must be a URL', { destination_url: ['is invalid'] });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw badRequest('destination_url must use https', { destination_url: ['must use https'] });
  }
  return url.toString();
};

export const headersOf = (value: unknown): Record<string, string> => {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw badRequest('destination_headers must be an object of strings', { destination_headers: ['is invalid'] });
  }
  return { ...(value as Record<string, string>) };
};
