import type { BooksCall, BooksResult, BooksWritten, JobQuery, TimeEntryPosting } from '../../../domain/books/index.js';
import { findPostedXeroTimeEntry, postXeroTimeEntry } from '../projects/post-time-entry.js';
import { findXeroProjectJob, resolveXeroProjectJob } from '../projects/projects-lookups.js';
import type { XeroTimeEntry } from '../projects/projects-types.js';
import { XeroProjectsClient } from '../projects/xero-projects-client.js';
import { callFor, isFailure, type XeroCall, type XeroOutboundDeps } from './deps.js';
import { JOB_CATEGORY, parseJobRef } from './jobs.js';
import { categoryNamed } from './tracking-cache.js';
import { failureFrom, permanent } from './xero-failure.js';

/**
 * A timecard's time entry for a Xero connection, in Xero Projects (facts §11). The saga's job
 * is the project's option in the Job tracking category (what bills are tagged with); its time
 * goes to the Xero project named like that option, found, or created for the job's owner
 * contact (the `@ContactID` part of the job ref). The cost code's task and the entry itself
 * are postXeroTimeEntry's; a 403 (no Projects, or no `projects` scope) parks the timecard
 * saying so (projectsRefusal).
 */

/** Projects time entries carry no version (no UpdatedDateUTC): the hub keeps a constant one. */
export const ENTRY_VERSION = '0';

/**
 * An entry is addressed by its project and its id (`/Projects/{projectId}/Time/{timeEntryId}`),
 * so the hub keeps both: `{timeEntryId}@{projectId}`, like a Job ref's `{option}@{contact}`.
 * Entries written before carry the bare id (their project is looked up: entryAddress).
 */
export const entryRef = (entry: { readonly timeEntryId: string; readonly projectId: string }): string => `${entry.timeEntryId}@${entry.projectId}`;

export const parseEntryRef = (id: string): { readonly timeEntryId: string; readonly projectId: string | null } => {
  const at = id.indexOf('@');
  return at < 0 ? { timeEntryId: id, projectId: null } : { timeEntryId: id.slice(0, at), projectId: id.slice(at + 1) };
};

export const written = (entry: XeroTimeEntry, status: number): BooksResult<BooksWritten> =>
  ({ ok: true, value: { id: entryRef(entry), version: ENTRY_VERSION }, status, response: entry });

const stripCategory = (name: string): string => {
  const prefix = `${JOB_CATEGORY}/`;
  return name.toLowerCase().startsWith(prefix.toLowerCase()) ? name.slice(prefix.length) : name;
};

/** The job's name: the ref's name, else its tracking option's (`Category/Option`, or the option id in the Job category). */
const jobNameOf = async (call: XeroCall, posting: TimeEntryPosting): Promise<BooksResult<string>> => {
  if (posting.jobRef.name) return { ok: true, value: stripCategory(posting.jobRef.name) };
  const { tracking } = parseJobRef(posting.jobRef);
  const slash = tracking.indexOf('/');
  if (slash >= 0) return { ok: true, value: tracking.slice(slash + 1) };
  const categories = await call.tracking.load(call.client, true);
  if (!categories.ok) return failureFrom(categories.error, 'read');
  const option = categoryNamed(categories.body, JOB_CATEGORY)?.options.find((o) => o.id.toLowerCase() === tracking.toLowerCase());
  return option
    ? { ok: true, value: option.name }
    : permanent('JOB_NOT_FOUND', `the job ${posting.jobRef.value} is no option of Xero's "${JOB_CATEGORY}" tracking category, so its Xero project cannot be named`);
};

export const jobQueryOf = async (call: XeroCall, posting: TimeEntryPosting): Promise<BooksResult<JobQuery>> => {
  const name = await jobNameOf(call, posting);
  if (!name.ok) return name;
  const { contactId } = parseJobRef(posting.jobRef);
  return { ok: true, value: { projectId: '', parentRef: { value: contactId ?? '' }, jobName: name.value } };
};

/** The job's Xero project id by name, or null when Xero has none; never writes. */
export const projectFound = async (projects: XeroProjectsClient, query: JobQuery): Promise<BooksResult<string | null>> => {
  const found = await findXeroProjectJob(projects, query);
  return found.ok ? { ok: true, value: found.body?.ref.value ?? null } : failureFrom(found.error, 'read');
};

/** The job's Xero project id: found by name, or created for the owner contact (parks when the job names none). */
export const projectEnsured = async (call: XeroCall, projects: XeroProjectsClient, query: JobQuery): Promise<BooksResult<string>> => {
  const found = await projectFound(projects, query);
  if (!found.ok) return found;
  if (found.value !== null) return { ok: true, value: found.value };
  if (query.parentRef.value === '') {
    return permanent('JOB_OWNER_MISSING', `Xero has no project "${query.jobName}" and the job names no owner contact to create it for: give the mapping's job a parentCustomer`);
  }
  const made = await resolveXeroProjectJob(projects, query, call.idempotencyKey);
  return made.ok ? { ok: true, value: made.body.ref.value } : failureFrom(made.error, 'write');
};

export const onProject = (posting: TimeEntryPosting, projectId: string): TimeEntryPosting => ({ ...posting, jobRef: { value: projectId } });

export const postTimeEntry = async (deps: XeroOutboundDeps, booksCall: BooksCall, posting: TimeEntryPosting): Promise<BooksResult<BooksWritten>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const projects = XeroProjectsClient.beside(call.client);
  const query = await jobQueryOf(call, posting);
  if (!query.ok) return query;
  const project = await projectEnsured(call, projects, query.value);
  if (!project.ok) return project;
  const entry = await postXeroTimeEntry(projects, onProject(posting, project.value), call.idempotencyKey);
  return entry.ok ? written(entry.body, entry.status) : failureFrom(entry.error, 'write');
};

/** After a lost answer: the entry the posting wrote, or null; never writes. */
export const findPostedTimeEntry = async (deps: XeroOutboundDeps, booksCall: BooksCall, posting: TimeEntryPosting): Promise<BooksResult<BooksWritten | null>> => {
  const call = callFor(deps, booksCall);
  if (isFailure(call)) return call;
  const projects = XeroProjectsClient.beside(call.client);
  const query = await jobQueryOf(call, posting);
  if (!query.ok) return query;
  const project = await projectFound(projects, query.value);
  if (!project.ok) return project;
  if (project.value === null) return { ok: true, value: null };
  const entry = await findPostedXeroTimeEntry(projects, onProject(posting, project.value));
  if (!entry.ok) return failureFrom(entry.error, 'read');
  return entry.body ? written(entry.body, entry.status) : { ok: true, value: null, status: entry.status };
};
