import { PARTY_ENTITIES, asString, type Doc, type EntityName } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';
import { USD, checkReferences, maxLength, sameName, selfId } from './common.js';
import type { EntityRules, RuleContext } from './context.js';
import { placeUnder, refuseColon } from './hierarchy.js';

const NAME_PARTS = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'] as const;

/** DisplayName defaults to the person's name parts; one of them is required (2020). */
const displayName = (doc: Doc): string => {
  const given = asString(doc.DisplayName)?.trim();
  if (given) return given;
  const composed = NAME_PARTS.map((part) => asString(doc[part])?.trim()).filter(Boolean).join(' ');
  if (!composed) throw errors.required('DisplayName');
  return composed;
};

/**
 * DisplayName is unique across Customer, Vendor and Employee, inactive ones included
 * (QuickBooks keeps their names reserved) — error 6240.
 */
const uniqueParty = (ctx: RuleContext, entity: EntityName, name: string, self: string | undefined): void => {
  for (const other of PARTY_ENTITIES) {
    const clash = ctx.company.all(other).find((e) => sameName(e.doc.DisplayName, name) && !(other === entity && String(e.doc.Id) === self));
    if (clash) throw errors.duplicateName();
  }
};

const partyBasics = (ctx: RuleContext, entity: EntityName, doc: Doc, self: string | undefined): Doc => {
  const name = displayName(doc);
  const out: Doc = { ...doc, DisplayName: name, Active: doc.Active ?? true };
  maxLength(out, 'DisplayName', 500);
  refuseColon(out, 'DisplayName');
  uniqueParty(ctx, entity, name, self);
  checkReferences(ctx.company, out);
  return out;
};

export const vendorRules: EntityRules = {
  canDelete: false,
  canVoid: false,
  prepare(ctx, doc, previous) {
    const out = partyBasics(ctx, 'Vendor', doc, selfId(previous));
    return { ...out, Vendor1099: out.Vendor1099 ?? false, CurrencyRef: out.CurrencyRef ?? USD, PrintOnCheckName: out.PrintOnCheckName ?? out.DisplayName };
  },
};

export const employeeRules: EntityRules = {
  canDelete: false,
  canVoid: false,
  prepare(ctx, doc, previous) {
    return partyBasics(ctx, 'Employee', doc, selfId(previous));
  },
};

/** A sub-customer (Job) needs ParentRef on create; FullyQualifiedName is "Parent:Child". */
export const customerRules: EntityRules = {
  canDelete: false,
  canVoid: false,
  prepare(ctx, doc, previous) {
    const out = partyBasics(ctx, 'Customer', doc, selfId(previous));
    if (out.Job === true && out.ParentRef === undefined) throw errors.required('ParentRef');
    const place = placeUnder(ctx, 'Customer', out, String(out.DisplayName), selfId(previous));
    const isSub = place.parentId !== undefined;
    return {
      ...out,
      Job: isSub ? (out.Job ?? true) : false,
      BillWithParent: isSub ? (out.BillWithParent ?? false) : false,
      FullyQualifiedName: place.FullyQualifiedName,
      Level: place.Level,
      IsProject: false,
      CurrencyRef: out.CurrencyRef ?? USD,
      PrintOnCheckName: out.PrintOnCheckName ?? out.DisplayName,
    };
  },
};
