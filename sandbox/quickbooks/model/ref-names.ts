import type { Company } from './company.js';
import { REF_TARGETS, asString, isDoc, type Doc } from './entity-types.js';

/**
 * The name QuickBooks shows in a reference: the full path for hierarchical lists
 * ("Job Expenses:Job Materials", "Smith Residence:Lot 12"), else DisplayName or Name.
 */
const nameOf = (doc: Doc): string | undefined => asString(doc.FullyQualifiedName) ?? asString(doc.DisplayName) ?? asString(doc.Name);

const named = (company: Company, field: string, ref: Doc): Doc => {
  const target = REF_TARGETS[field];
  const id = asString(ref.value);
  const stored = target && id ? company.get(target, id) : undefined;
  const name = stored ? nameOf(stored.doc) : undefined;
  return name === undefined ? ref : { name, value: ref.value };
};

/**
 * Fills `name` into every reference it echoes, as the server does even when the request
 * sent `{value}` only (facts §1 "References in responses"). Looked up on every read, so a
 * renamed vendor shows its new name on old bills, as in QuickBooks.
 */
export const withRefNames = (company: Company, value: unknown): unknown => {
  if (Array.isArray(value)) return value.map((item) => withRefNames(company, item));
  if (!isDoc(value)) return value;
  const out: Doc = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = REF_TARGETS[key] && isDoc(child) ? named(company, key, child) : withRefNames(company, child);
  }
  return out;
};
