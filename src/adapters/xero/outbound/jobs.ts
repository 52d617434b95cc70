import type { BooksCall, BooksFailure, BooksResult, JobQuery, PartyResolved } from '../../../domain/books/index.js';
import type { BooksRef } from '../../../domain/shared/books-ref.js';
import { callFor, isFailure, type XeroCall, type XeroOutboundDeps } from './deps.js';
import { categoryNamed, type TrackingCategory, type TrackingOption } from './tracking-cache.js';
import { failureFrom, objectRefused, permanent } from './xero-failure.js';
import { hasErrors, writeObjects } from './xero-writes.js';

/** The tracking category a project's option lives in (Xero has no jobs: one option per project). */
export const JOB_CATEGORY = 'Job';
const OPTION_MAX = 100;

/**
 * A Xero job reference: `{tracking}@{ContactID}`. The tracking part (a TrackingOptionID, or
 * `Category/Option`) tags bill lines; the contact (the owner, the mapping's `parentCustomer`)
 * is who a sales invoice for the project is addressed to. A mapping's `customer:` may give
 * the tracking part alone, which serves bills; owner invoices then park, asking for the contact.
 */
export const jobRefValue = (optionId: string, contactId: string): string => `${optionId}@${contactId}`;

export const parseJobRef = (ref: BooksRef): { readonly tracking: string; readonly contactId: string | null } => {
  const at = ref.value.lastIndexOf('@');
  return at < 0 ? { tracking: ref.value, contactId: null } : { tracking: ref.value.slice(0, at), contactId: ref.value.slice(at + 1) || null };
};

const optionName = (query: JobQuery): string => query.jobName.replace(/\s+/g, ' ').trim().slice(0, OPTION_MAX);

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const answer = (query: JobQuery, option: TrackingOption, created: boolean): PartyResolved =>
  ({ ref: { value: jobRefValue(option.id, query.parentRef.value), name: `${JOB_CATEGORY}/${option.name}` }, created });

const jobCategory = (categories: readonly TrackingCategory[]): TrackingCategory | undefined => categoryNamed(categories, JOB_CATEGORY);

const noCategory = () => permanent('NO_JOB_TRACKING', `Xero has no active tracking category "${JOB_CATEGORY}": add it (Settings > Tracking categories) so each project gets an option`);

/** Adds the project's option; Xero's refusal (a full category, a bad name) parks the document with its words. */
const addOption = async (call: XeroCall, category: TrackingCategory, query: JobQuery): Promise<BooksResult<PartyResolved>> => {
  const name = optionName(query);
  const written = await writeObjects(call, 'PUT', 'Options', [{ Name: name }], call.idempotencyKey, `/TrackingCategories/${category.id}/Options`);
  call.tracking.forget(call.client);
  if (!written.ok) return failureFrom(written.error, 'write');
  const [echo] = written.body;
  if (hasErrors(echo!)) {
    // Added meanwhile (by a person, or this very request's lost first answer): use it.
    const again = await call.tracking.load(call.client, true);
    const option = again.ok ? jobCategory(again.body)?.options.find((o) => same(o.name, name)) : undefined;
    return option ? { ok: true, value: answer(query, option, false) } : objectRefused(echo!, `tracking option "${name}" in "${category.name}"`);
  }
  return { ok: true, value: answer(query, { id: String(echo!.TrackingOptionID).toLowerCase(), name }, true), status: written.status, response: echo };
};

type Lookup = { readonly failure: BooksFailure } | { readonly category: TrackingCategory; readonly option: TrackingOption | undefined };

const lookup = async (call: XeroCall, query: JobQuery, fresh: boolean): Promise<Lookup> => {
  const categories = await call.tracking.load(call.client, fresh);
  if (!categories.ok) return { failure: failureFrom(categories.error, 'read') };
  const category = jobCategory(categories.body);
  if (!category) return { failure: noCategory() };
  return { category, option: category.options.find((o) => same(o.name, optionName(query))) };
};

/** The project's option in the Job category, created when missing. */
export const resolveJob = async (deps: XeroOutboundDeps, booksCall: BooksCall, query: JobQuery): Promise<BooksResult<PartyResolved>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const seen = await lookup(call, query, true);
  if ('failure' in seen) return seen.failure;
  return seen.option ? { ok: true, value: answer(query, seen.option, false) } : addOption(call, seen.category, query);
};

export const findJob = async (deps: XeroOutboundDeps, booksCall: BooksCall, query: JobQuery): Promise<BooksResult<PartyResolved | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const seen = await lookup(call, query, true);
  if ('failure' in seen) return seen.failure;
  return { ok: true, value: seen.option ? answer(query, seen.option, false) : null };
};
