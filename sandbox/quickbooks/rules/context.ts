import type { Company, StoredEntity } from '../model/company.js';
import type { Doc } from '../model/entity-types.js';

/** Behaviours where the facts are UNCONFIRMED: the default is the stricter reading. */
export interface RuleOptions {
  /** 'reject' (default): any negative line Amount fails with 2290. 'allow': lines may be negative, totals may not. */
  readonly negativeLines: 'reject' | 'allow';
  /** Duplicate Bill DocNumber (6140) checked across the whole realm (default) or per vendor. */
  readonly docNumberScope: 'realm' | 'vendor';
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = { negativeLines: 'reject', docNumberScope: 'realm' };

/** What one write sees: the company, the options and the request's switches. */
export interface RuleContext {
  readonly company: Company;
  readonly options: RuleOptions;
  /** `include=allowduplicatedocnum` was on the request. */
  readonly allowDuplicateDocNumber: boolean;
  readonly now: Date;
}

/** How one entity type is validated and derived. */
export interface EntityRules {
  /** Validates the candidate document (merged for updates) and fills the read-only fields. Throws QboError. */
  prepare(ctx: RuleContext, doc: Doc, previous: StoredEntity | undefined): Doc;
  readonly canDelete: boolean;
  readonly canVoid: boolean;
  /** Refuses a delete or void (e.g. a bill with payments applied). */
  beforeRemove?(ctx: RuleContext, stored: StoredEntity): void;
  /** The voided version of a document. */
  voided?(doc: Doc): Doc;
  /** Side effects on other entities once this one is written, deleted or voided (payments move balances). */
  afterWrite?(ctx: RuleContext, previousDoc: Doc | undefined, current: Doc | undefined): void;
}
