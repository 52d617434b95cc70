import { createHash } from 'node:crypto';
import type { ApiResult } from '../../../platform/http/api-result.js';
import {
  dayToDateUtc, isMarkedBy, sameName, stepKey, type XeroChargeType, type XeroProject, type XeroProjectUser, type XeroTask, type XeroTimeEntry,
} from './projects-types.js';
import type { XeroProjectsClient } from './xero-projects-client.js';

/**
 * What the books port's time-entry posting calls, one step each: the job's project, the cost
 * code's task, the worker's project user, then the entry marked with the hub's marker. Each
 * find-or-create looks before it writes, and each write carries its own step key derived from
 * the call's, so a redelivery or a retry after a lost answer neither duplicates nor diverges.
 */
export type Found<T> = { readonly value: T; readonly created: boolean };

const found = <T>(result: ApiResult<unknown>, value: T, created: boolean): ApiResult<Found<T>> =>
  (result.ok ? { ...result, body: { value, created } } : result);

const running = new WeakMap<XeroProjectsClient, Map<string, Promise<unknown>>>();

/**
 * One find-or-create at a time per tenant and name: a week of timecards on one job posts side
 * by side, and two that both find no project (or task) would each create one. The second
 * waits for the first's answer and shares it.
 */
const oneAtATime = <T>(client: XeroProjectsClient, key: string, run: () => Promise<T>): Promise<T> => {
  let calls = running.get(client);
  if (!calls) running.set(client, (calls = new Map()));
  const current = calls.get(key);
  if (current) return current as Promise<T>;
  const started = run().finally(() => calls.delete(key));
  calls.set(key, started);
  return started;
};

/**
 * A project's create carries a key of the job itself (its name and contact), not of the call:
 * two hubs creating the same job's project at once get Xero's replay of one create.
 */
const projectKey = (job: { readonly name: string; readonly contactId: string }): string =>
  `project:${createHash('sha256').update(`${job.contactId.toLowerCase()}\u001f${job.name.trim().toLowerCase()}`).digest('hex')}`;

/** The project named `name`, an in-progress one before a closed one; undefined when none is. */
export const findProjectNamed = async (client: XeroProjectsClient, name: string): Promise<ApiResult<XeroProject | undefined>> => {
  const listed = await client.listProjects();
  if (!listed.ok) return listed;
  const named = listed.body.filter((p) => sameName(p.name, name));
  return { ...listed, body: named.find((p) => p.status === 'INPROGRESS') ?? named[0] };
};

/** The job's project by name, or a new one for the job's contact. */
export const ensureProject = (
  client: XeroProjectsClient, job: { readonly name: string; readonly contactId: string }, _callKey: string,
): Promise<ApiResult<Found<XeroProject>>> => oneAtATime(client, `project:${job.name.trim().toLowerCase()}`, async () => {
  const listed = await findProjectNamed(client, job.name);
  if (!listed.ok) return listed;
  if (listed.body) return found(listed, listed.body, false);
  const created = await client.createProject(job, projectKey(job));
  return created.ok ? found(created, created.body, true) : created;
});

/** The cost code's task on the project by name, or a new one at `rate` (a decimal string, per hour for TIME). */
export const ensureTask = (
  client: XeroProjectsClient, projectId: string, task: { readonly name: string; readonly rate: string; readonly chargeType: XeroChargeType }, callKey: string,
): Promise<ApiResult<Found<XeroTask>>> => oneAtATime(client, `task:${projectId.toLowerCase()}:${task.name.trim().toLowerCase()}`, async () => {
  const listed = await client.listTasks(projectId);
  if (!listed.ok) return listed;
  const existing = listed.body.find((t) => sameName(t.name, task.name));
  if (existing) return found(listed, existing, false);
  const created = await client.createTask(projectId, task, stepKey(callKey, `task:${projectId}`));
  return created.ok ? found(created, created.body, true) : created;
});

/** The project user a worker logs time as: by email when given, else by full name; undefined when none matches. */
export const findProjectUser = async (
  client: XeroProjectsClient, who: { readonly email?: string; readonly name: string },
): Promise<ApiResult<XeroProjectUser | undefined>> => {
  const listed = await client.listUsers();
  if (!listed.ok) return listed;
  const byEmail = who.email ? listed.body.find((u) => sameName(u.email, who.email!)) : undefined;
  return { ...listed, body: byEmail ?? listed.body.find((u) => sameName(u.name, who.name)) };
};

export interface MarkedTimeEntry {
  readonly projectId: string;
  readonly taskId: string;
  readonly userId: string;
  /** The timecard's day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly minutes: number;
  /** The hub's marker; the description starts with it. */
  readonly marker: string;
  /** What follows the marker in the description (may be empty). */
  readonly text: string;
}

/**
 * The entry carrying `marker` on that task and day, or undefined. The API cannot search
 * descriptions (facts §11), so this lists the task's time on the day and matches here.
 */
export const findTimeEntryByMarker = async (
  client: XeroProjectsClient, where: { readonly projectId: string; readonly taskId: string; readonly day: string }, marker: string,
): Promise<ApiResult<XeroTimeEntry | undefined>> => {
  const listed = await client.listTime(where.projectId, { taskId: where.taskId, fromUtc: dayToDateUtc(where.day), toUtc: `${where.day}T23:59:59Z` });
  if (!listed.ok) return listed;
  return { ...listed, body: listed.body.find((e) => isMarkedBy(e.description, marker)) };
};

/** Creates the marked entry unless one already carries the marker (then that one is the answer). */
export const postMarkedTimeEntry = async (
  client: XeroProjectsClient, entry: MarkedTimeEntry, callKey: string,
): Promise<ApiResult<Found<XeroTimeEntry>>> => {
  const existing = await findTimeEntryByMarker(client, entry, entry.marker);
  if (!existing.ok) return existing;
  if (existing.body) return found(existing, existing.body, false);
  const description = entry.text === '' ? entry.marker : `${entry.marker} ${entry.text}`;
  const created = await client.createTimeEntry(entry.projectId, {
    taskId: entry.taskId, userId: entry.userId, dateUtc: dayToDateUtc(entry.day), duration: entry.minutes, description,
  }, stepKey(callKey, 'time'));
  return created.ok ? found(created, created.body, true) : created;
};
