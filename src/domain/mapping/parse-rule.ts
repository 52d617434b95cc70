import type { BooksRef } from '../shared/books-ref.js';
import { isCostCodePattern } from './cost-code.js';
import type { JobLink, MappingRule, MappingSettings, OwnerBillingItems, PostingTarget, RetainageTreatment } from './mapping.types.js';
import { DEFAULT_SETTINGS } from './mapping-document.format.js';
import type { Problems, RefSyntax } from './parse-fields.js';
import { readLabourRates } from './parse-labour-rates.js';
import { checkKnownFields, readBoolean, readChoice, readId, readRecord, readRef, readText, show } from './parse-fields.js';

const RULE_FIELDS = ['costCode', 'costType', 'projectId', 'account', 'item', 'class', 'billable'] as const;

const readCostCode = (raw: unknown, path: string, problems: Problems): string | undefined => {
  const text = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
  if (typeof text === 'string' && isCostCodePattern(text.trim())) return text.trim();
  problems.push({ path, message: `${show(raw)} is not a cost code or prefix (e.g. "23-31-00", "23-31" or "23")` });
  return undefined;
};

const readCostType = (raw: unknown, path: string, problems: Problems): string | null | undefined => {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' && /^\S+$/.test(raw)) return raw;
  problems.push({ path, message: `${show(raw)} is not a cost type code (e.g. "S"); leave it out to match any cost type` });
  return undefined;
};

/** `null` when absent, the value when valid, undefined (with a problem) when invalid. */
const optional = <T>(raw: unknown, read: (raw: unknown) => T | undefined): T | null | undefined =>
  raw === undefined || raw === null ? null : read(raw);

const readTarget = (rule: Readonly<Record<string, unknown>>, path: string, problems: Problems, syntax: RefSyntax): PostingTarget | undefined => {
  if (rule.account !== undefined && rule.item !== undefined) {
    problems.push({ path, message: 'give either an account or an item, not both' });
    return undefined;
  }
  if (rule.account !== undefined) {
    const accountRef = readRef(rule.account, `${path}.account`, problems, syntax);
    return accountRef && { kind: 'account', accountRef };
  }
  if (rule.item !== undefined) {
    const itemRef = readRef(rule.item, `${path}.item`, problems, syntax);
    return itemRef && { kind: 'item', itemRef };
  }
  problems.push({ path, message: 'needs an account or an item to post to' });
  return undefined;
};

/** One rule of a mapping document (also a REST body); `path` prefixes every problem. */
export const parseMappingRule = (raw: unknown, path: string, problems: Problems, syntax: RefSyntax = 'id'): MappingRule | undefined => {
  const rule = readRecord(raw, path, problems);
  if (rule === undefined) return undefined;
  checkKnownFields(rule, RULE_FIELDS, path, problems);
  const costCode = readCostCode(rule.costCode, `${path}.costCode`, problems);
  const costType = readCostType(rule.costType, `${path}.costType`, problems);
  const projectId = optional(rule.projectId, (v) => readId(v, `${path}.projectId`, problems));
  const target = readTarget(rule, path, problems, syntax);
  const classRef = optional(rule.class, (v) => readRef(v, `${path}.class`, problems, syntax));
  const billable = optional(rule.billable, (v) => readBoolean(v, `${path}.billable`, problems));
  if (costCode === undefined || costType === undefined || projectId === undefined || target === undefined) return undefined;
  if (classRef === undefined || billable === undefined) return undefined;
  return { costCode, costType, projectId, target, classRef, billable };
};

/** A QuickBooks name may not contain ":", the separator of Customer:Job. */
const readJobName = (raw: unknown, path: string, problems: Problems): string | undefined => {
  const name = readText(raw, path, problems);
  if (name === undefined || !name.includes(':')) return name;
  problems.push({ path, message: `${show(name)} contains ":", which the books use between customer and job` });
  return undefined;
};

/** A project's Customer:Job: `{ customer }` or `{ parentCustomer, jobName }`. */
export const parseJobLink = (raw: unknown, path: string, problems: Problems, syntax: RefSyntax = 'id'): JobLink | undefined => {
  const job = readRecord(raw, path, problems);
  if (job === undefined) return undefined;
  checkKnownFields(job, ['customer', 'parentCustomer', 'jobName'], path, problems);
  if (job.customer !== undefined && job.parentCustomer === undefined && job.jobName === undefined) {
    const customerRef = readRef(job.customer, `${path}.customer`, problems, syntax);
    return customerRef && { kind: 'customer', customerRef };
  }
  if (job.customer === undefined && job.parentCustomer !== undefined) {
    const parentCustomerRef = readRef(job.parentCustomer, `${path}.parentCustomer`, problems, syntax);
    const jobName = readJobName(job.jobName, `${path}.jobName`, problems);
    return parentCustomerRef && jobName !== undefined ? { kind: 'lookup', parentCustomerRef, jobName } : undefined;
  }
  problems.push({ path, message: 'give either customer, or parentCustomer and jobName' });
  return undefined;
};

const readRetainage = (raw: unknown, path: string, problems: Problems, syntax: RefSyntax): RetainageTreatment | undefined => {
  const retainage = readRecord(raw, path, problems);
  if (retainage === undefined) return undefined;
  checkKnownFields(retainage, ['mode', 'account'], path, problems);
  const mode = readChoice(retainage.mode, ['negative-line', 'gross-open', 'net-only'], `${path}.mode`, problems);
  if (mode !== 'negative-line') {
    if (mode !== undefined && retainage.account !== undefined) problems.push({ path: `${path}.account`, message: `is only used by mode negative-line` });
    return mode && { mode };
  }
  if (retainage.account === undefined) {
    problems.push({ path: `${path}.account`, message: 'negative-line needs the retainage payable account' });
    return undefined;
  }
  const accountRef: BooksRef | undefined = readRef(retainage.account, `${path}.account`, problems, syntax);
  return accountRef && { mode, accountRef };
};

/** `{ progressItem, retainageItem }`: both, since an owner invoice may carry either line. */
const readOwnerBilling = (raw: unknown, path: string, problems: Problems, syntax: RefSyntax): OwnerBillingItems | undefined => {
  const billing = readRecord(raw, path, problems);
  if (billing === undefined) return undefined;
  checkKnownFields(billing, ['progressItem', 'retainageItem'], path, problems);
  const item = (field: string): BooksRef | undefined => {
    if (billing[field] !== undefined) return readRef(billing[field], `${path}.${field}`, problems, syntax);
    problems.push({ path: `${path}.${field}`, message: 'required: the item owner invoices post this on' });
    return undefined;
  };
  const progressItemRef = item('progressItem');
  const retainageItemRef = item('retainageItem');
  return progressItemRef && retainageItemRef && { progressItemRef, retainageItemRef };
};

/** Connection settings; every field may be left out (DEFAULT_SETTINGS). */
export const parseSettings = (raw: unknown, path: string, problems: Problems, syntax: RefSyntax = 'id'): MappingSettings | undefined => {
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS;
  const settings = readRecord(raw, path, problems);
  if (settings === undefined) return undefined;
  checkKnownFields(settings, ['retainage', 'vendorMatch', 'billableByDefault', 'ownerBilling', 'labourRates'], path, problems);
  const or = <T>(value: unknown, fallback: T, read: (v: unknown) => T | undefined): T | undefined => (value === undefined ? fallback : read(value));
  const retainage = or(settings.retainage, DEFAULT_SETTINGS.retainage, (v) => readRetainage(v, `${path}.retainage`, problems, syntax));
  const vendorMatch = or(settings.vendorMatch, DEFAULT_SETTINGS.vendorMatch, (v) => readChoice(v, ['lookup-or-create', 'lookup-only'], `${path}.vendorMatch`, problems));
  const billableByDefault = or(settings.billableByDefault, DEFAULT_SETTINGS.billableByDefault, (v) => readBoolean(v, `${path}.billableByDefault`, problems));
  const ownerBilling = settings.ownerBilling === undefined ? null : readOwnerBilling(settings.ownerBilling, `${path}.ownerBilling`, problems, syntax);
  const labourRates = settings.labourRates === undefined ? null : readLabourRates(settings.labourRates, `${path}.labourRates`, problems);
  if (retainage === undefined || vendorMatch === undefined || billableByDefault === undefined || ownerBilling === undefined || labourRates === undefined) return undefined;
  return { retainage, vendorMatch, billableByDefault, ...(ownerBilling === null ? {} : { ownerBilling }), ...(labourRates === null ? {} : { labourRates }) };
};
