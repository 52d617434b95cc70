import type { BooksRef } from '../shared/books-ref.js';

/**
 * Where a cost line posts, in any books system: an account (QuickBooks Online / Desktop
 * account id, Xero AccountCode) or an item at quantity 1 (QuickBooks item id, Xero ItemCode).
 * The rules name references by the books' own id and, optionally, the name a bookkeeper sees.
 */
export type PostingTarget =
  | { readonly kind: 'account'; readonly accountRef: BooksRef }
  | { readonly kind: 'item'; readonly itemRef: BooksRef };

/**
 * One mapping rule. It applies to a line when its cost code covers the line's (exactly or as
 * a prefix), its cost type is null or equals the line's, and its project is null or the
 * line's project. Of the rules that apply, the most specific wins (see resolve-mapping.ts).
 */
export interface MappingRule {
  /** A whole code ("23-31-00") or a prefix: a section ("23-31") or a division ("23"). */
  readonly costCode: string;
  /** Procore cost type code, e.g. "S"; null matches any cost type. Compared exactly. */
  readonly costType: string | null;
  /** A per-project override when set; null for every project of the connection. */
  readonly projectId: string | null;
  readonly target: PostingTarget;
  /** The books' class (QuickBooks Class, a Xero tracking option; construction: the division or cost code); null posts no class. */
  readonly classRef: BooksRef | null;
  /** Overrides the connection's billable default for these lines; null keeps the default. */
  readonly billable: boolean | null;
}

/**
 * The job a project's costs post to (the books port's `job`): in QuickBooks Online and Desktop
 * the project as a Customer:Job sub-customer of the owner; in Xero a tracking option (or
 * project) named after it. Either a known reference (YAML `customer:`), or a lookup by name
 * under a parent (YAML `parentCustomer:` + `jobName:`), created when missing. The field names
 * follow the YAML keys, which stay as they are.
 */
export type JobLink =
  | { readonly kind: 'customer'; readonly customerRef: BooksRef }
  | { readonly kind: 'lookup'; readonly parentCustomerRef: BooksRef; readonly jobName: string };

/**
 * How retainage (the part of each progress bill the contractor holds back until the work is
 * accepted) reaches the books. Job cost is at gross in the first two treatments.
 * - negative-line: lines at gross, plus one negative line to a retainage-payable liability
 *   account; the bill's total is the net payable now. The textbook treatment.
 * - gross-open: lines at gross, no negative line; the bill's total is the gross, and the
 *   retainage stays open on the bill (pay the net now, the rest on release). Needs no
 *   negative amount, so it works where the books reject negative lines (QBO error 2290).
 * - net-only: lines net of their retainage; the retainage reaches job cost when released.
 */
export type RetainageTreatment =
  | { readonly mode: 'negative-line'; readonly accountRef: BooksRef }
  | { readonly mode: 'gross-open' }
  | { readonly mode: 'net-only' };

export type RetainageMode = RetainageTreatment['mode'];

/**
 * How a Procore vendor finds its books vendor: by exact display name, created when missing
 * (a name taken by a customer or employee, QBO 6240, is resolved by the dispatcher), or
 * looked up only, leaving a missing vendor for a person to create.
 */
export type VendorMatchMode = 'lookup-or-create' | 'lookup-only';

/**
 * The items owner invoices (pay applications on the prime contract) and change-order
 * Estimates post on: work whose cost code maps to an account bills on the progress item,
 * a retainage release on the retainage item.
 */
export interface OwnerBillingItems {
  readonly progressItemRef: BooksRef;
  readonly retainageItemRef: BooksRef;
}

/**
 * What an hour of labour costs where the books keep no rate for the worker (Xero, an employee
 * without a QuickBooks CostRate), or where the contractor costs labour at a burdened rate of
 * its own. Decimal strings. Looked up in order: the worker, the books' rate, the cost code
 * (most specific rule), the default. See `labourRateFor`.
 */
export interface LabourRates {
  /** Procore worker id (the timecard's party) -> rate; wins over the books' cost rate. */
  readonly workers: Readonly<Record<string, string>>;
  /** By cost code (exact or prefix) and cost type (null: any), when neither the worker nor the books have one. */
  readonly costCodes: ReadonlyArray<{ readonly costCode: string; readonly costType: string | null; readonly rate: string }>;
  /** The last resort; null leaves such time uncosted (and says so). */
  readonly default: string | null;
}

export interface MappingSettings {
  readonly retainage: RetainageTreatment;
  readonly vendorMatch: VendorMatchMode;
  /** Whether cost lines are billable to the job's customer unless a rule says otherwise. */
  readonly billableByDefault: boolean;
  /** Absent: owner invoices park naming the missing items, and change orders skip the Estimate. */
  readonly ownerBilling?: OwnerBillingItems;
  /** Absent: labour is costed at the books' rate only. */
  readonly labourRates?: LabourRates;
}

/** A connection's cost-code mapping. */
export interface CostCodeMapping {
  readonly rules: readonly MappingRule[];
  /** Procore project id -> its Customer:Job. */
  readonly jobs: Readonly<Record<string, JobLink>>;
  readonly settings: MappingSettings;
}

/** A cost code a project uses, as the mapping document and `mapping check` list them. */
export interface CostCodeInUse {
  readonly projectId: string;
  readonly costCode: string;
  readonly costType: string | null;
  /** The cost code's name in Procore, e.g. "HVAC Ducts and Casings". */
  readonly name: string;
}

/** One object of the books' chart: an account, item, class or customer. */
export interface ChartEntry {
  readonly id: string;
  readonly name: string;
  /** Inactive objects can't be posted to (QBO 610/2500); absent means active. */
  readonly active?: boolean;
  /** The books' own word for an inactive object's state (Xero: "archived", "deleted"); absent says "inactive". */
  readonly status?: string;
  /** QuickBooks Desktop: the full name (`Job Costs:Subcontractors`) a mapping may name it by instead of its id. */
  readonly fullName?: string;
}

export interface BooksChart {
  readonly accounts: readonly ChartEntry[];
  readonly items: readonly ChartEntry[];
  readonly classes: readonly ChartEntry[];
  readonly customers: readonly ChartEntry[];
  /** Where the books keep classes (QuickBooks Preferences); absent when unknown. */
  readonly classTracking?: { readonly perTxn: boolean; readonly perLine: boolean };
  /** Xero: the tax types lines may carry (TaxRates), archived and deleted ones inactive. */
  readonly taxRates?: readonly ChartEntry[];
  /** QuickBooks Desktop: a purchase order's lines name items only, so a cost code ruled to an account can't go on one. */
  readonly purchaseOrdersTakeItemsOnly?: boolean;
  /** Xero: the tracking categories `classes` (their options) belong to, so a class ref finds its category. */
  readonly trackingCategories?: readonly TrackingCategoryEntry[];
  /** What settings.ownerBilling names in these books: items (absent; QuickBooks) or account codes (Xero has no retainage item). */
  readonly ownerBillingRefs?: 'items' | 'accounts';
}

/** A Xero tracking category and its options (each option also one of the chart's `classes`). */
export interface TrackingCategoryEntry extends ChartEntry {
  readonly options: readonly ChartEntry[];
}

/** A problem found in a mapping, naming where: `rules[3].costCode: "23-3x" is not ...`. */
export interface MappingProblem {
  readonly path: string;
  readonly message: string;
}

export const formatProblem = (problem: MappingProblem): string => `${problem.path}: ${problem.message}`;

/** The job for a project, if the mapping has one (own keys only: project ids are user input). */
export const jobFor = (mapping: CostCodeMapping, projectId: string): JobLink | undefined =>
  Object.hasOwn(mapping.jobs, projectId) ? mapping.jobs[projectId] : undefined;
