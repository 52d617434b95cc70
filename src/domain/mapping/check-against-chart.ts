import type { BooksRef } from '../shared/books-ref.js';
import { codeSegments, costCodeLabel } from './cost-code.js';
import type { BooksChart, ChartEntry, CostCodeInUse, CostCodeMapping, MappingProblem, MappingRule } from './mapping.types.js';
import { jobFor } from './mapping.types.js';
import { resolveMapping } from './resolve-mapping.js';

type Kind = 'account' | 'item' | 'class' | 'customer';

/** The names an entry goes by: its own, and for a Xero tracking option also `Category/Option` (what Xero shows). */
const namesOf = (entry: ChartEntry, chart: BooksChart | undefined): string[] => {
  const category = chart?.trackingCategories?.find((c) => c.options.some((o) => o.id === entry.id));
  return category ? [entry.name, `${category.name}/${entry.name}`] : [entry.name];
};

/** A ref must name an active object of the books; a name on the ref must be that object's name. */
const checkRef = (ref: BooksRef, kind: Kind, entries: readonly ChartEntry[], path: string, chart?: BooksChart): MappingProblem[] => {
  // QuickBooks Desktop names are case-insensitive: a FullName matches whatever case the books show.
  const entry = entries.find((e) => e.id === ref.value) ?? entries.find((e) => e.fullName !== undefined && e.fullName.toLowerCase() === ref.value.toLowerCase());
  if (entry === undefined) return [{ path, message: `${kind} ${ref.value}${ref.name ? ` "${ref.name}"` : ''} does not exist in the books` }];
  if (entry.active === false) return [{ path, message: `${kind} ${ref.value} "${entry.name}" is ${entry.status ?? 'inactive'} in the books` }];
  if (ref.name !== undefined && !namesOf(entry, chart).includes(ref.name)) return [{ path, message: `${kind} ${ref.value} is named "${entry.name}" in the books, not "${ref.name}"` }];
  return [];
};

/** An account rule can't put its cost code on a purchase order where those take items only. */
const itemsOnlyOnPurchaseOrders = (rule: MappingRule, i: number, chart: BooksChart): MappingProblem[] => (chart.purchaseOrdersTakeItemsOnly && rule.target.kind === 'account'
  ? [{
    path: `rules[${i}].account`,
    message: `purchase orders take items only in these books: commitments on cost code ${costCodeLabel(rule.costCode, rule.costType)} can't become purchase orders; `
      + 'add a rule for it that names an item (a service or non-inventory item) if commitments are synced',
  }]
  : []);

const checkRules = (mapping: CostCodeMapping, chart: BooksChart): MappingProblem[] =>
  mapping.rules.flatMap((rule, i) => [
    ...(rule.target.kind === 'account'
      ? checkRef(rule.target.accountRef, 'account', chart.accounts, `rules[${i}].account`)
      : checkRef(rule.target.itemRef, 'item', chart.items, `rules[${i}].item`)),
    ...itemsOnlyOnPurchaseOrders(rule, i, chart),
    ...(rule.classRef === null ? [] : checkRef(rule.classRef, 'class', chart.classes, `rules[${i}].class`, chart)),
  ]);

const checkJobs = (mapping: CostCodeMapping, chart: BooksChart): MappingProblem[] =>
  Object.entries(mapping.jobs).flatMap(([projectId, job]) =>
    job.kind === 'customer'
      ? checkRef(job.customerRef, 'customer', chart.customers, `jobs.${projectId}.customer`)
      : checkRef(job.parentCustomerRef, 'customer', chart.customers, `jobs.${projectId}.parentCustomer`));

const checkSettings = (mapping: CostCodeMapping, chart: BooksChart): MappingProblem[] => {
  const { retainage, ownerBilling } = mapping.settings;
  const [billingKind, billingEntries] = chart.ownerBillingRefs === 'accounts' ? ['account', chart.accounts] as const : ['item', chart.items] as const;
  return [
    ...(retainage.mode === 'negative-line' ? checkRef(retainage.accountRef, 'account', chart.accounts, 'settings.retainage.account') : []),
    ...(ownerBilling
      ? [...checkRef(ownerBilling.progressItemRef, billingKind, billingEntries, 'settings.ownerBilling.progressItem'),
        ...checkRef(ownerBilling.retainageItemRef, billingKind, billingEntries, 'settings.ownerBilling.retainageItem')]
      : []),
  ];
};

/** "23-09-00, 23-09 or 23": the codes a rule could name to give this one a home. */
const candidates = (costCode: string): string => {
  const segments = codeSegments(costCode);
  const prefixes = segments.map((_, i) => segments.slice(0, segments.length - i).join('-'));
  return prefixes.length === 1 ? prefixes[0] ?? costCode : `${prefixes.slice(0, -1).join(', ')} or ${prefixes.at(-1) ?? ''}`;
};

const checkInUse = (mapping: CostCodeMapping, inUse: readonly CostCodeInUse[]): MappingProblem[] => {
  const unmapped = inUse.filter((c) => resolveMapping(mapping, c).kind === 'missing').map((c) => ({
    path: `cost code ${costCodeLabel(c.costCode, c.costType)} (project ${c.projectId}, "${c.name}")`,
    message: `has no mapping rule: add one for ${candidates(c.costCode)}${c.costType === null ? '' : `, with cost type ${c.costType} or any`}`,
  }));
  const jobless = [...new Set(inUse.map((c) => c.projectId))].filter((p) => jobFor(mapping, p) === undefined).map((p) => ({
    path: `jobs.${p}`, message: `project ${p} has cost codes in use but no Customer:Job`,
  }));
  return [...new Map([...unmapped, ...jobless].map((p) => [`${p.path}|${p.message}`, p])).values()];
};

/**
 * What `trestle mapping check` reports: every ref that names no active account, item, class or
 * customer of the books' chart, and every cost code in use (or project) with no home.
 * An empty list means the mapping can post everything in use.
 */
export const checkMappingAgainstChart = (mapping: CostCodeMapping, chart: BooksChart, costCodesInUse: readonly CostCodeInUse[] = []): MappingProblem[] => [
  ...checkSettings(mapping, chart),
  ...checkRules(mapping, chart),
  ...checkJobs(mapping, chart),
  ...checkInUse(mapping, costCodesInUse),
];
