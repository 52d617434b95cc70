import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Vendor } from '../data/model.js';
import type { Actor, ProcoreStore } from '../data/store.js';
import { ApiError, badRequest } from '../http/errors.js';
import { actorOf } from '../http/guards.js';
import { listFilters, sendPage } from '../http/paging.js';
import { type Body, bodyOf, checkCompany, findLive, pathId, queryOf, wrapped } from '../http/params.js';
import { vendorJson } from '../json/core.js';
import { RESOURCE } from '../webhooks/resources.js';
import { assertOriginFree, patchOrigin } from './origin.js';

/** Sync actions take at most 1000 items per call (facts §4). */
const SYNC_LIMIT = 1000;

type SyncResult = { entity: Vendor } | { error: Record<string, string[]> };

const textOf = (item: Body, name: string): string | undefined => {
  const value = item[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw badRequest(`${name} must be a string`, { [name]: ['must be a string'] });
  return String(value);
};

/** One `updates[]` item: match on id (must exist), else upsert on origin_id. */
const syncOne = (store: ProcoreStore, item: Body, actor: Actor): SyncResult => {
  const originId = textOf(item, 'origin_id');
  const byId = item.id === undefined ? undefined : store.live(store.vendors, Number(item.id));
  if (item.id !== undefined && !byId) return { error: { id: ['not found'] } };
  if (byId === undefined && originId === undefined) return { error: { base: ['id or origin_id is required'] } };
  const existing = byId ?? [...store.vendors.values()].find((v) => v.deletedAt === null && v.originId === originId);
  const name = textOf(item, 'name');
  if (!existing && !name) return { error: { name: ["can't be blank"] } };
  const vendor: Vendor = existing ?? {
    ...store.audit(), originId: null, originData: null, originCode: null, name: name ?? '', trade: '', isActive: true, emailAddress: null,
  };
  try {
    assertOriginFree(store.vendors.values(), originId ?? vendor.originId, vendor.id);
  } catch {
    return { error: { origin_id: ['has already been taken'] } };
  }
  Object.assign(vendor, {
    name: name ?? vendor.name, originId: originId ?? vendor.originId, originData: textOf(item, 'origin_data') ?? vendor.originData,
    originCode: textOf(item, 'origin_code') ?? vendor.originCode, emailAddress: textOf(item, 'email_address') ?? vendor.emailAddress,
    isActive: typeof item.is_active === 'boolean' ? item.is_active : vendor.isActive,
  });
  if (!existing) store.vendors.set(vendor.id, vendor);
  store.changed(vendor, RESOURCE.vendors, existing ? 'update' : 'create', null, actor);
  return { entity: vendor };
};

/** The company directory; `PATCH /vendors/sync` is the idempotent upsert keyed on origin_id. */
export const registerVendorRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  const one = (request: FastifyRequest): Vendor => {
    checkCompany(store, queryOf(request));
    return findLive(store, store.vendors, pathId(request), 'Vendor');
  };
  app.get('/rest/v1.0/vendors', async (request, reply) => {
    checkCompany(store, queryOf(request), true);
    return sendPage(request, reply, listFilters(request, store.vendors.values()), (v) => vendorJson(store, v));
  });
  // Registered before /vendors/:id so "sync" is never read as an id.
  app.patch('/rest/v1.0/vendors/sync', async (request) => {
    const body = bodyOf(request);
    checkCompany(store, body, queryOf(request).company_id === undefined);
    const updates = body.updates;
    if (!Array.isArray(updates)) throw badRequest('Missing required parameter: updates');
    if (updates.length > SYNC_LIMIT) throw badRequest(`updates can hold at most ${SYNC_LIMIT} items`);
    const entities: unknown[] = [];
    const errors: unknown[] = [];
    for (const item of updates) {
      const result = typeof item === 'object' && item !== null && !Array.isArray(item)
        ? syncOneSafely(store, item as Body, actorOf(request)) : { error: { base: ['must be an object'] } };
      if ('entity' in result) entities.push(vendorJson(store, result.entity));
      else errors.push({ ...(typeof item === 'object' ? item : { item }), errors: result.error });
    }
    return { entities, errors };
  });
  app.get('/rest/v1.0/vendors/:id', async (request) => vendorJson(store, one(request)));
  app.patch('/rest/v1.0/vendors/:id', async (request) => {
    const vendor = one(request);
    const body = bodyOf(request);
    checkCompany(store, body);
    patchOrigin(store.vendors.values(), vendor, wrapped(body, 'vendor'), true);
    store.changed(vendor, RESOURCE.vendors, 'update', null, actorOf(request));
    return vendorJson(store, vendor);
  });
};

/** Sync actions always answer 200; a malformed item becomes an entry in `errors`. */
const syncOneSafely = (store: ProcoreStore, item: Body, actor: Actor): SyncResult => {
  try {
    return syncOne(store, item, actor);
  } catch (error) {
    if (error instanceof ApiError && error.errors) return { error: { ...error.errors } as Record<string, string[]> };
    return { error: { base: ['is invalid'] } };
  }
};
