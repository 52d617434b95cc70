import type { ListRecord } from '../company/records.js';
import type { HandlerResult, RequestContext } from './context.js';
import { LIST_SPECS } from './list-specs.js';
import { runQuery } from './query.js';
import { resolveChildren } from './resolve.js';
import { listRet, pickElements } from './ret.js';
import type { FieldSpec } from './schema.js';
import { locked, nameInUse, notFound, staleEditSequence } from './status.js';
import { child, children, textOf, type XmlNode } from './xml.js';

const HEADER = new Set(['ListID', 'EditSequence', 'Name', 'IsActive', 'ParentRef']);

const checkName = (ctx: RequestContext, kind: string, fullName: string, self?: ListRecord): void => {
  const clash = ctx.company.listByFullName(LIST_SPECS[kind]?.namespace ?? [kind], fullName);
  if (clash && clash !== self) throw nameInUse(fullName);
};

const consumeLock = (ctx: RequestContext, kind: string): void => {
  if (ctx.lockedWrites.remaining <= 0) return;
  ctx.lockedWrites.remaining--;
  throw locked(kind);
};

/** Merges a Mod's elements over the stored ones, keeping the schema's order. */
export const mergeFields = (stored: readonly XmlNode[], changes: readonly XmlNode[], order: readonly FieldSpec[]): XmlNode[] => {
  const changed = new Set(changes.map((c) => c.name));
  const merged = [...stored.filter((f) => !changed.has(f.name)), ...changes];
  const rank = (name: string) => order.findIndex((s) => s.name === name);
  return merged.sort((a, b) => rank(a.name) - rank(b.name));
};

const includes = (rq: XmlNode): string[] => children(rq, 'IncludeRetElement').map((n) => n.text);

export const listAdd = (ctx: RequestContext, kind: string, rq: XmlNode): HandlerResult => {
  const spec = LIST_SPECS[kind];
  const body = child(rq, `${kind}Add`);
  if (!spec?.add || !body) throw new Error(`no ${kind}Add`);
  const fields = resolveChildren(ctx.company, body, spec.add, kind);
  const parentRef = fields.find((f) => f.name === 'ParentRef');
  const parent = parentRef ? ctx.company.listById(textOf(parentRef, 'ListID') ?? '') : undefined;
  const name = kind === 'Employee' ? `${textOf(body, 'FirstName') ?? ''} ${textOf(body, 'LastName') ?? ''}`.trim() : textOf(body, 'Name') ?? '';
  checkName(ctx, kind, parent ? `${ctx.company.fullName(parent)}:${name}` : name);
  consumeLock(ctx, kind);
  const record = ctx.company.addList(kind, name, fields.filter((f) => !HEADER.has(f.name)), {
    parentId: parent?.listId, isActive: textOf(body, 'IsActive') !== 'false',
  });
  return { rets: [pickElements(listRet(ctx.company, record), includes(rq))] };
};

export const listMod = (ctx: RequestContext, kind: string, rq: XmlNode): HandlerResult => {
  const spec = LIST_SPECS[kind];
  const body = child(rq, `${kind}Mod`);
  if (!spec?.mod || !body) throw new Error(`no ${kind}Mod`);
  const listId = textOf(body, 'ListID') ?? '';
  const record = ctx.company.listById(listId);
  if (!record || record.kind !== kind) throw notFound(listId);
  const editSequence = textOf(body, 'EditSequence') ?? '';
  if (editSequence !== record.editSequence) throw staleEditSequence(editSequence);
  const fields = resolveChildren(ctx.company, body, spec.mod, kind);
  const parentRef = fields.find((f) => f.name === 'ParentRef');
  const parent = parentRef ? ctx.company.listById(textOf(parentRef, 'ListID') ?? '') : record.parentId ? ctx.company.listById(record.parentId) : undefined;
  const name = textOf(body, 'Name') ?? record.name;
  checkName(ctx, kind, parent ? `${ctx.company.fullName(parent)}:${name}` : name, record);
  consumeLock(ctx, kind);
  record.name = name;
  record.parentId = parent?.listId;
  const active = textOf(body, 'IsActive');
  if (active !== undefined) record.isActive = active === 'true';
  record.fields = mergeFields(record.fields, fields.filter((f) => !HEADER.has(f.name)), spec.mod);
  ctx.company.touchList(record);
  return { rets: [pickElements(listRet(ctx.company, record), includes(rq))] };
};

const matchName = (criterion: string, fullName: string, name: string): boolean => {
  const a = fullName.toLowerCase();
  const b = name.toLowerCase();
  return criterion === 'StartsWith' ? a.startsWith(b) : criterion === 'EndsWith' ? a.endsWith(b) : a.includes(b);
};

const time = (text: string): number => Date.parse(/[Zz]|[+-]\d{2}:\d{2}$/.test(text) ? text : `${text}${text.length === 10 ? 'T00:00:00' : ''}Z`);

export const listQuery = (ctx: RequestContext, kind: string, rq: XmlNode): HandlerResult => {
  const spec = LIST_SPECS[kind];
  if (!spec) throw new Error(`no ${kind}Query`);
  const company = ctx.company;
  const all = company.listsOf(spec.queryKinds).sort((a, b) => company.fullName(a).localeCompare(company.fullName(b)));
  const byId = children(rq, 'ListID').map((n) => n.text);
  const byName = children(rq, 'FullName').map((n) => n.text);
  if (byId.length > 0 || byName.length > 0) {
    const found = [
      ...byId.map((i) => ({ key: i, record: company.listById(i) })),
      ...byName.map((n) => ({ key: n, record: company.listByFullName(spec.queryKinds, n) })),
    ];
    return runQuery(ctx, rq, found.map((f) => ({ key: f.key, id: f.record && spec.queryKinds.includes(f.record.kind) ? f.record.listId : undefined })),
      (listId) => listRet(company, company.listById(listId) as ListRecord));
  }
  const active = textOf(rq, 'ActiveStatus') ?? 'ActiveOnly';
  const from = textOf(rq, 'FromModifiedDate');
  const to = textOf(rq, 'ToModifiedDate');
  const nameFilter = child(rq, 'NameFilter');
  const range = child(rq, 'NameRangeFilter');
  const matches = all.filter((r) => {
    const fullName = company.fullName(r);
    if (active === 'ActiveOnly' && !r.isActive) return false;
    if (active === 'InactiveOnly' && r.isActive) return false;
    if (from && time(r.timeModified) < time(from)) return false;
    if (to && time(r.timeModified) > time(to)) return false;
    if (nameFilter && !matchName(textOf(nameFilter, 'MatchCriterion') ?? '', fullName, textOf(nameFilter, 'Name') ?? '')) return false;
    const fromName = range ? textOf(range, 'FromName') : undefined;
    const toName = range ? textOf(range, 'ToName') : undefined;
    if (fromName !== undefined && fullName.toLowerCase() < fromName.toLowerCase()) return false;
    if (toName !== undefined && fullName.toLowerCase() > toName.toLowerCase()) return false;
    return true;
  });
  return runQuery(ctx, rq, matches.map((r) => ({ key: r.listId, id: r.listId })), (listId) => listRet(company, company.listById(listId) as ListRecord), true);
};

export { time as qbTimeValue };
