import type { TimeEntryPosting } from '../../../domain/books/index.js';
import type { ApiResult } from '../../../platform/http/api-result.js';
import { ensureTask } from './project-time.js';
import { refused } from './projects-refusal.js';
import { dayToDateUtc, isMarkedBy, sameName, stepKey, type XeroTimeEntry } from './projects-types.js';
import { minutesOf, minutesRefused, taskName, taskOf, textAfterMarker } from './post-time-entry.js';
import type { XeroProjectsClient } from './xero-projects-client.js';

/**
 * A revised or voided timecard's entry in Xero Projects (facts §12): PUT the whole entry again
 * (task, user, day, minutes, description with the new version's marker) or DELETE it. An entry
 * is addressed by its project and its id; it keeps its id through an update.
 */
export interface EntryAddress {
  readonly projectId: string;
  readonly timeEntryId: string;
}

const descriptionOf = (posting: TimeEntryPosting): string => {
  const text = textAfterMarker(posting);
  return text === '' ? posting.note.marker : `${posting.note.marker} ${text}`;
};

/** The entry as the posting wants it: on the cost code's task (created when missing), as the worker, that day, that long. */
export const updateXeroTimeEntry = async (
  client: XeroProjectsClient, at: EntryAddress, posting: TimeEntryPosting, callKey: string,
): Promise<ApiResult<XeroTimeEntry>> => {
  const minutes = minutesOf(posting);
  const tooLong = minutesRefused(minutes);
  if (tooLong) return tooLong;
  const task = await ensureTask(client, at.projectId, taskOf(posting), callKey);
  if (!task.ok) return refused(task);
  const entry = {
    taskId: task.body.value.taskId, userId: posting.employeeRef.value, dateUtc: dayToDateUtc(posting.txnDate), duration: minutes, description: descriptionOf(posting),
  };
  const put = await client.updateTimeEntry(at.projectId, at.timeEntryId, entry, stepKey(callKey, 'time-update'));
  return put.ok ? { ...put, body: { ...entry, ...at } } : refused(put);
};

/** After a lost answer: the entry when it already carries this posting (its marker, minutes, user and task), else undefined. */
export const findUpdatedXeroTimeEntry = async (
  client: XeroProjectsClient, at: EntryAddress, posting: TimeEntryPosting,
): Promise<ApiResult<XeroTimeEntry | undefined>> => {
  const read = await client.getTimeEntry(at.projectId, at.timeEntryId);
  if (!read.ok) return refused(read);
  const entry = read.body;
  const tasks = await client.listTasks(at.projectId);
  if (!tasks.ok) return refused(tasks);
  const onTask = tasks.body.some((t) => t.taskId === entry.taskId && sameName(t.name, taskName(posting)));
  const current = isMarkedBy(entry.description, posting.note.marker) && entry.duration === minutesOf(posting)
    && entry.userId.toLowerCase() === posting.employeeRef.value.toLowerCase() && onTask;
  return { ...read, body: current ? entry : undefined };
};

/** Deleted; one already gone (404) is success. */
export const deleteXeroTimeEntry = async (client: XeroProjectsClient, at: EntryAddress): Promise<ApiResult<undefined>> => {
  const deleted = await client.deleteTimeEntry(at.projectId, at.timeEntryId);
  return !deleted.ok && deleted.error.kind === 'not_found' ? { ok: true, status: 404, body: undefined, headers: new Headers() } : refused(deleted);
};

/** After a lost answer: true when the entry is gone, false when it is still there. */
export const isXeroTimeEntryGone = async (client: XeroProjectsClient, at: EntryAddress): Promise<ApiResult<boolean>> => {
  const read = await client.getTimeEntry(at.projectId, at.timeEntryId);
  if (read.ok) return { ...read, body: false };
  return read.error.kind === 'not_found' ? { ok: true, status: 404, body: true, headers: new Headers() } : refused(read);
};
