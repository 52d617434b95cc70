import { isBooksFailure, type BooksCall, type BooksResult, type BooksWritten, type ExistingDocument, type TimeEntryPosting } from '../../../domain/books/index.js';
import { deleteXeroTimeEntry, findUpdatedXeroTimeEntry, isXeroTimeEntryGone, updateXeroTimeEntry, type EntryAddress } from '../projects/change-time-entry.js';
import { XeroProjectsClient } from '../projects/xero-projects-client.js';
import { callFor, isFailure, type XeroCall, type XeroOutboundDeps } from './deps.js';
import { ENTRY_VERSION, jobQueryOf, parseEntryRef, projectFound, written } from './time-entries.js';
import { failureFrom, permanent } from './xero-failure.js';

/**
 * A revised timecard updates its Xero Projects entry in place (PUT, the same id); a rejected
 * or deleted one deletes it (facts §12). The entry stays in the project it was logged in: a
 * timecard moved to another job parks, since the API cannot move an entry between projects.
 */
type Located = BooksResult<EntryAddress | null>;

/** An entry written before the hub kept its project: the project holding that id, looked up one by one. */
const scanProjects = async (projects: XeroProjectsClient, timeEntryId: string): Promise<Located> => {
  const listed = await projects.listProjects();
  if (!listed.ok) return failureFrom(listed.error, 'read');
  for (const project of listed.body) {
    const read = await projects.getTimeEntry(project.projectId, timeEntryId);
    if (read.ok) return { ok: true, value: { projectId: project.projectId, timeEntryId } };
    if (read.error.kind !== 'not_found') return failureFrom(read.error, 'read');
  }
  return { ok: true, value: null };
};

const entryAddress = async (projects: XeroProjectsClient, existing: ExistingDocument): Promise<Located> => {
  const { timeEntryId, projectId } = parseEntryRef(existing.id);
  return projectId === null ? scanProjects(projects, timeEntryId) : { ok: true, value: { projectId, timeEntryId } };
};

/** The entry's address, checked against the posting's job: its project must be the one the entry is in. */
const addressFor = async (call: XeroCall, projects: XeroProjectsClient, existing: ExistingDocument, posting: TimeEntryPosting): Promise<BooksResult<EntryAddress>> => {
  const at = await entryAddress(projects, existing);
  if (!at.ok) return at;
  if (at.value === null) return permanent('XERO_TIME_ENTRY_GONE', `the time entry ${existing.id} is no longer in Xero Projects (deleted there?): the timecard cannot be updated`);
  const query = await jobQueryOf(call, posting);
  if (!query.ok) return query;
  const project = await projectFound(projects, query.value);
  if (!project.ok) return project;
  if (project.value?.toLowerCase() !== at.value.projectId.toLowerCase()) {
    const now = project.value === null ? 'which has no Xero project' : `(Xero project ${project.value})`;
    return permanent('XERO_TIME_PROJECT_CHANGED', `the time entry is in Xero project ${at.value.projectId}, and the timecard is now on the job "${query.value.jobName}" ${now}; `
      + 'Xero cannot move a time entry between projects: delete it in Xero, then retry');
  }
  return { ok: true, value: at.value };
};

const projectsFor = (deps: XeroOutboundDeps, booksCall: BooksCall) => {
  const call = callFor(deps, booksCall);
  return isFailure(call) ? call : { call, projects: XeroProjectsClient.beside(call.client) };
};

export const updateTimeEntry = async (deps: XeroOutboundDeps, booksCall: BooksCall, existing: ExistingDocument, posting: TimeEntryPosting): Promise<BooksResult<BooksWritten>> => {
  const ready = projectsFor(deps, booksCall);
  if (isBooksFailure(ready)) return ready;
  const at = await addressFor(ready.call, ready.projects, existing, posting);
  if (!at.ok) return at;
  const updated = await updateXeroTimeEntry(ready.projects, at.value, posting, ready.call.idempotencyKey);
  return updated.ok ? written(updated.body, updated.status) : failureFrom(updated.error, 'write');
};

/** After a lost answer: the entry when it already holds this version of the timecard, else null; never writes. */
export const findUpdatedTimeEntry = async (
  deps: XeroOutboundDeps, booksCall: BooksCall, existing: ExistingDocument, posting: TimeEntryPosting,
): Promise<BooksResult<BooksWritten | null>> => {
  const ready = projectsFor(deps, booksCall);
  if (isBooksFailure(ready)) return ready;
  const at = await addressFor(ready.call, ready.projects, existing, posting);
  if (!at.ok) return at;
  const found = await findUpdatedXeroTimeEntry(ready.projects, at.value, posting);
  if (!found.ok) return failureFrom(found.error, 'read');
  return found.body ? written(found.body, found.status) : { ok: true, value: null, status: found.status };
};

const gone = (existing: ExistingDocument, status?: number): BooksResult<BooksWritten> =>
  ({ ok: true, value: { id: existing.id, version: ENTRY_VERSION }, ...(status !== undefined ? { status } : {}) });

/** Deleted; already gone (or never found) is success. */
export const deleteTimeEntry = async (deps: XeroOutboundDeps, booksCall: BooksCall, existing: ExistingDocument): Promise<BooksResult<BooksWritten>> => {
  const ready = projectsFor(deps, booksCall);
  if (isBooksFailure(ready)) return ready;
  const at = await entryAddress(ready.projects, existing);
  if (!at.ok) return at;
  if (at.value === null) return gone(existing);
  const deleted = await deleteXeroTimeEntry(ready.projects, at.value);
  return deleted.ok ? gone(existing, deleted.status) : failureFrom(deleted.error, 'write');
};

/** After a lost answer: gone (written), or null while the entry is still there. */
export const findDeletedTimeEntry = async (deps: XeroOutboundDeps, booksCall: BooksCall, existing: ExistingDocument): Promise<BooksResult<BooksWritten | null>> => {
  const ready = projectsFor(deps, booksCall);
  if (isBooksFailure(ready)) return ready;
  const at = await entryAddress(ready.projects, existing);
  if (!at.ok) return at;
  if (at.value === null) return gone(existing);
  const read = await isXeroTimeEntryGone(ready.projects, at.value);
  if (!read.ok) return failureFrom(read.error, 'read');
  return read.body ? gone(existing, read.status) : { ok: true, value: null, status: read.status };
};
