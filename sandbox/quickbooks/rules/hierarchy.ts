import type { StoredEntity } from '../model/company.js';
import { asString, refValue, type Doc, type EntityName } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';
import { liveTarget, sameName } from './common.js';
import type { RuleContext } from './context.js';

/** Level 0 is the top: five levels in all (error 6180 beyond). */
const MAX_LEVEL = 4;

export interface Placement {
  readonly FullyQualifiedName: string;
  readonly Level: number;
  readonly parentId?: string;
}

/**
 * Where a Customer, Account or Class sits under its ParentRef: FullyQualifiedName is the
 * names joined by ':' (why ':' is refused inside a name), Level counts from 0.
 */
export const placeUnder = (ctx: RuleContext, entity: EntityName, doc: Doc, name: string, self: string | undefined): Placement => {
  const parentId = refValue(doc, 'ParentRef');
  if (parentId === undefined) return { FullyQualifiedName: name, Level: 0 };
  const parent = liveTarget(ctx.company, entity, parentId);
  if (!parent) throw errors.invalidReference('ParentRef', parentId);
  if (self !== undefined && isSelfOrDescendant(ctx, entity, parent, self)) {
    throw errors.business(`${entity} cannot be its own parent`, 'ParentRef');
  }
  const level = Number(parent.doc.Level ?? 0) + 1;
  if (level > MAX_LEVEL) throw errors.subLevelLimit();
  return { FullyQualifiedName: `${String(parent.doc.FullyQualifiedName)}:${name}`, Level: level, parentId };
};

const isSelfOrDescendant = (ctx: RuleContext, entity: EntityName, start: StoredEntity, self: string): boolean => {
  let current: StoredEntity | undefined = start;
  for (let depth = 0; current && depth <= MAX_LEVEL + 1; depth++) {
    if (String(current.doc.Id) === self) return true;
    const up = refValue(current.doc, 'ParentRef');
    current = up ? ctx.company.get(entity, up) : undefined;
  }
  return false;
};

/** Name-list names may not contain ':' (the hierarchy separator) — facts §2.6, §2.8. */
export const refuseColon = (doc: Doc, field: string, alsoQuote = false): void => {
  const value = asString(doc[field]) ?? '';
  if (value.includes(':') || (alsoQuote && value.includes('"'))) {
    throw errors.business(`${field} can't contain ':'${alsoQuote ? ' or \'"\'' : ''} (${value})`, field);
  }
};

/** A FullyQualifiedName unique within one entity type (Account, Item, Class), 6240 otherwise. */
export const uniqueWithin = (ctx: RuleContext, entity: EntityName, fqn: string, self: string | undefined): void => {
  const clash = ctx.company.all(entity).find((e) => String(e.doc.Id) !== self && sameName(e.doc.FullyQualifiedName, fqn));
  if (clash) throw errors.duplicateItemName(entity);
};
