import type { BooksRef } from '../shared/books-ref.js';
import type { CostCodeMapping, JobLink, LabourRates, MappingRule, MappingSettings, RetainageMode, VendorMatchMode } from './mapping.types.js';

/**
 * The mapping file as people write it (YAML, or JSON over REST). Optional fields may be left
 * out; parse-mapping.ts turns it into a CostCodeMapping and toMappingDocument turns one back.
 *
 *   settings: { retainage: { mode: negative-line, account: { value: "34", name: Retainage Payable } } }
 *   rules:
 *     - { costCode: "23-31-00", costType: S, account: { value: "61" }, class: { value: "2000...123" } }
 *     - { costCode: "23", costType: M, account: "62" }       # a division, any 23-xx-xx material
 *     - { costCode: "23-05-00", costType: L, item: "12" }     # item-based line, qty 1
 *   jobs:
 *     "2468013": { customer: { value: "59" } }
 *     "2468099": { parentCustomer: "58", jobName: "2026-021 Harbor Clinic" }
 */
export interface RuleDocument {
  readonly costCode: string;
  readonly costType?: string;
  readonly projectId?: string;
  readonly account?: BooksRef;
  readonly item?: BooksRef;
  readonly class?: BooksRef;
  readonly billable?: boolean;
}

export type JobDocument =
  | { readonly customer: BooksRef }
  | { readonly parentCustomer: BooksRef; readonly jobName: string };

export interface SettingsDocument {
  readonly retainage?: { readonly mode: RetainageMode; readonly account?: BooksRef };
  readonly vendorMatch?: VendorMatchMode;
  readonly billableByDefault?: boolean;
  /** The items owner invoices post on: `{ progressItem: "21", retainageItem: "22" }`. */
  readonly ownerBilling?: { readonly progressItem: BooksRef; readonly retainageItem: BooksRef };
  /** Hourly labour cost rates: `{ workers: { "7788": "52.50" }, costCodes: [{ costCode: "23-05", rate: "45.00" }], default: "40.00" }`. */
  readonly labourRates?: {
    readonly workers?: Readonly<Record<string, string>>;
    readonly costCodes?: ReadonlyArray<{ readonly costCode: string; readonly costType?: string; readonly rate: string }>;
    readonly default?: string;
  };
}

export interface MappingDocument {
  readonly settings?: SettingsDocument;
  readonly rules: readonly RuleDocument[];
  readonly jobs?: Readonly<Record<string, JobDocument>>;
}

/**
 * Settings a document may leave out. Retainage defaults to gross-open: it needs neither a
 * negative line (which some books reject) nor a retainage account, and job cost stays at gross.
 */
export const DEFAULT_SETTINGS: MappingSettings = {
  retainage: { mode: 'gross-open' },
  vendorMatch: 'lookup-or-create',
  billableByDefault: false,
};

const ruleDocument = (rule: MappingRule): RuleDocument => ({
  costCode: rule.costCode,
  ...(rule.costType === null ? {} : { costType: rule.costType }),
  ...(rule.projectId === null ? {} : { projectId: rule.projectId }),
  ...(rule.target.kind === 'account' ? { account: rule.target.accountRef } : { item: rule.target.itemRef }),
  ...(rule.classRef === null ? {} : { class: rule.classRef }),
  ...(rule.billable === null ? {} : { billable: rule.billable }),
});

export const jobDocument = (job: JobLink): JobDocument =>
  job.kind === 'customer' ? { customer: job.customerRef } : { parentCustomer: job.parentCustomerRef, jobName: job.jobName };

const settingsDocument = (settings: MappingSettings): SettingsDocument => ({
  retainage: settings.retainage.mode === 'negative-line'
    ? { mode: settings.retainage.mode, account: settings.retainage.accountRef }
    : { mode: settings.retainage.mode },
  vendorMatch: settings.vendorMatch,
  billableByDefault: settings.billableByDefault,
  ...(settings.ownerBilling ? { ownerBilling: { progressItem: settings.ownerBilling.progressItemRef, retainageItem: settings.ownerBilling.retainageItemRef } } : {}),
  ...(settings.labourRates ? { labourRates: labourRatesDocument(settings.labourRates) } : {}),
});

const labourRatesDocument = (rates: LabourRates): NonNullable<SettingsDocument['labourRates']> => ({
  workers: rates.workers,
  costCodes: rates.costCodes.map((r) => ({ costCode: r.costCode, ...(r.costType === null ? {} : { costType: r.costType }), rate: r.rate })),
  ...(rates.default === null ? {} : { default: rates.default }),
});

/** The document for a mapping: what REST returns and what an export writes as YAML. */
export const toMappingDocument = (mapping: CostCodeMapping): MappingDocument => ({
  settings: settingsDocument(mapping.settings),
  rules: mapping.rules.map(ruleDocument),
  jobs: Object.fromEntries(Object.entries(mapping.jobs).map(([projectId, job]) => [projectId, jobDocument(job)])),
});
