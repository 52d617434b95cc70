import type { StoredEntity } from '../model/company.js';
import { NAME_LIST, type Doc, type EntityName } from '../model/entity-types.js';
import { moneyIn } from '../model/money.js';
import { errors } from '../model/qbo-error.js';
import { dropMisplacedClasses } from './class-tracking.js';
import type { RuleContext } from './context.js';
import { RULES } from './registry.js';

export type WriteOperation = 'delete' | 'void';

export type WriteResult =
  | { readonly kind: 'entity'; readonly stored: StoredEntity }
  | { readonly kind: 'deleted'; readonly entity: EntityName; readonly id: string };

/** Fields the server owns: ignored on input, rewritten on every write. */
const SERVER_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'];

const withoutServerFields = (doc: Doc): Doc => {
  const out = { ...doc };
  for (const field of SERVER_FIELDS) delete out[field];
  return out;
};

const idOf = (body: Doc): string => {
  if (body.Id === undefined) throw errors.required('Id');
  if (typeof body.Id !== 'string' || body.Id === '') throw errors.invalidId('Id');
  return body.Id;
};

/** The stored version a write names by Id, with its SyncToken checked (610, 2020, 5010). */
const current = (ctx: RuleContext, entity: EntityName, body: Doc): StoredEntity => {
  const id = idOf(body);
  const stored = ctx.company.get(entity, id);
  if (!stored) throw errors.notFound(entity, id);
  if (body.SyncToken === undefined) throw errors.required('SyncToken');
  if (String(body.SyncToken) !== stored.doc.SyncToken) throw errors.stale();
  return stored;
};

/** The candidate as QuickBooks reads it: server fields and misplaced classes silently gone. */
const candidateOf = (ctx: RuleContext, entity: EntityName, doc: Doc): Doc =>
  dropMisplacedClasses(entity, withoutServerFields(doc), ctx.company.classTracking, (w) => ctx.company.warnings.push(w));

const create = (ctx: RuleContext, entity: EntityName, body: Doc): WriteResult => {
  const rules = RULES[entity];
  const prepared = rules.prepare(ctx, candidateOf(ctx, entity, body), undefined);
  const stored = ctx.company.insert(entity, prepared);
  rules.afterWrite?.(ctx, undefined, stored.doc);
  return { kind: 'entity', stored };
};

/** Full update replaces every writable field; sparse (`"sparse": true`) changes only those sent (Line replaces all lines). */
const update = (ctx: RuleContext, entity: EntityName, body: Doc): WriteResult => {
  const rules = RULES[entity];
  const stored = current(ctx, entity, body);
  if (stored.voided) throw errors.business(`${entity} ${String(stored.doc.Id)} is voided and can't be changed`);
  const candidate = body.sparse === true ? { ...withoutServerFields(stored.doc), ...withoutServerFields(body) } : body;
  const prepared = rules.prepare(ctx, candidateOf(ctx, entity, candidate), stored);
  const before = stored.doc;
  ctx.company.replace(stored, prepared);
  rules.afterWrite?.(ctx, before, stored.doc);
  return { kind: 'entity', stored };
};

const remove = (ctx: RuleContext, entity: EntityName, body: Doc): WriteResult => {
  const rules = RULES[entity];
  if (!rules.canDelete || NAME_LIST.has(entity)) {
    throw errors.unsupported(`Operation Delete is not supported for ${entity}: make it inactive (Active=false) instead`);
  }
  const stored = current(ctx, entity, body);
  rules.beforeRemove?.(ctx, stored);
  ctx.company.remove(stored);
  rules.afterWrite?.(ctx, stored.doc, undefined);
  return { kind: 'deleted', entity, id: String(stored.doc.Id) };
};

const voidTxn = (ctx: RuleContext, entity: EntityName, body: Doc): WriteResult => {
  const rules = RULES[entity];
  if (!rules.canVoid || !rules.voided) throw errors.unsupported(`Operation Void is not supported for ${entity}`);
  const stored = current(ctx, entity, body);
  if (stored.voided) return { kind: 'entity', stored };
  rules.beforeRemove?.(ctx, stored);
  const before = stored.doc;
  ctx.company.replace(stored, rules.voided(withoutServerFields(stored.doc)), 'Void');
  rules.afterWrite?.(ctx, before, stored.doc);
  return { kind: 'entity', stored };
};

/**
 * One write as `POST /v3/company/{realm}/{entity}[?operation=delete|void]` performs it:
 * a body with an Id is an update, without one a create. The body is in wire form.
 */
export const writeEntity = (ctx: RuleContext, entity: EntityName, wireBody: Doc, operation?: WriteOperation): WriteResult => {
  const body = moneyIn(wireBody);
  if (operation === 'delete') return remove(ctx, entity, body);
  if (operation === 'void') return voidTxn(ctx, entity, body);
  return body.Id === undefined ? create(ctx, entity, body) : update(ctx, entity, body);
};
