import type { TimeEntryPosting } from '../../../domain/books/index.js';
import { costCodeLabel } from '../../../domain/mapping/cost-code.js';
import { apiError, type ApiResult } from '../../../platform/http/api-result.js';
import { ensureTask, findTimeEntryByMarker, postMarkedTimeEntry } from './project-time.js';
import { refused } from './projects-refusal.js';
import { sameName, type XeroTimeEntry } from './projects-types.js';
import { MAX_ENTRY_MINUTES, type XeroProjectsClient } from './xero-projects-client.js';

/**
 * A timecard's time entry in Xero Projects, from the books port's TimeEntryPosting:
 * - `jobRef.value` is the job's Xero project id (the port's job resolution finds or creates
 *   it with `resolveXeroProjectJob`, projects-lookups.ts);
 * - the task is the cost code's (named by its label, `23-05-00/L`; by the item of a posting
 *   stored before postings carried the cost code), created at `hourlyRate` (TIME) when
 *   billable, or as NON_CHARGEABLE when not;
 * - `employeeRef.value` is the worker's Xero project user id (`findProjectUser`);
 * - the description is the hub's marker, then the note's text.
 */
export const taskName = (posting: TimeEntryPosting): string => {
  if (posting.costCode !== '') return costCodeLabel(posting.costCode, posting.costType);
  return posting.itemRef?.name ?? posting.itemRef?.value ?? 'Labour';
};

/** The note's text without the marker it starts with (the description puts the marker first itself). */
const textAfterMarker = (posting: TimeEntryPosting): string => {
  const { marker, text } = posting.note;
  return (text.startsWith(marker) ? text.slice(marker.length) : text).trim();
};

const minutesOf = (posting: TimeEntryPosting): number => posting.hours * 60 + posting.minutes;

export const postXeroTimeEntry = async (client: XeroProjectsClient, posting: TimeEntryPosting, callKey: string): Promise<ApiResult<XeroTimeEntry>> => {
  const minutes = minutesOf(posting);
  if (minutes < 1 || minutes > MAX_ENTRY_MINUTES) {
    return { ok: false, error: apiError('rejected', `a Xero time entry holds 1 to ${MAX_ENTRY_MINUTES} minutes; this timecard has ${minutes}`) };
  }
  const projectId = posting.jobRef.value;
  const task = await ensureTask(client, projectId, {
    name: taskName(posting), rate: posting.billable ? posting.hourlyRate ?? '0.00' : '0.00', chargeType: posting.billable ? 'TIME' : 'NON_CHARGEABLE',
  }, callKey);
  if (!task.ok) return refused(task);
  const entry = await postMarkedTimeEntry(client, {
    projectId, taskId: task.body.value.taskId, userId: posting.employeeRef.value, day: posting.txnDate, minutes, marker: posting.note.marker, text: textAfterMarker(posting),
  }, callKey);
  return entry.ok ? { ...entry, body: entry.body.value } : refused(entry);
};

/** After an ambiguous failure: the entry this posting wrote, or undefined; never writes (no task is created). */
export const findPostedXeroTimeEntry = async (client: XeroProjectsClient, posting: TimeEntryPosting): Promise<ApiResult<XeroTimeEntry | undefined>> => {
  const projectId = posting.jobRef.value;
  const tasks = await client.listTasks(projectId);
  if (!tasks.ok) return refused(tasks);
  const task = tasks.body.find((t) => sameName(t.name, taskName(posting)));
  if (!task) return { ...tasks, body: undefined };
  return refused(await findTimeEntryByMarker(client, { projectId, taskId: task.taskId, day: posting.txnDate }, posting.note.marker));
};
