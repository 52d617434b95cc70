import { randomUUID } from 'node:crypto';
import type { Organisation } from '../org/organisation.js';
import { toCents } from '../support/money.js';
import {
  bodyObject, FieldErrors, isUuid, optionalInteger, requiredText, utcDateTime, type ModelState,
} from './input.js';
import { CHARGE_TYPES, type ChargeType, type ProjectRec, type ProjectsBook, type TaskRec, type TimeEntryRec } from './model.js';

export type Ruled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly modelState: ModelState };

const ruled = <T>(errors: FieldErrors, make: () => T): Ruled<T> =>
  (errors.empty ? { ok: true, value: make() } : { ok: false, modelState: errors.state });

/** Xero takes up to 59940 minutes (999 hours) per time entry (facts §11). */
export const MAX_DURATION_MINUTES = 59_940;
const MAX_TASK_NAME = 100;

/**
 * POST /Projects. The spec requires only `name`; the stricter reading (facts §11) also
 * requires `contactId`, an existing active contact, as Xero's own screen does.
 */
export const createProject = (book: ProjectsBook, org: Organisation, currencyCode: string, body: unknown): Ruled<ProjectRec> => {
  const raw = bodyObject(body);
  const errors = new FieldErrors();
  const name = requiredText(errors, raw, 'name');
  const contactId = raw.contactId;
  const contact = isUuid(contactId) ? org.data.contacts.get(contactId.toLowerCase()) : undefined;
  if (contact?.ContactStatus !== 'ACTIVE') errors.add('contactId', 'The contactId field must identify an active contact.');
  const estimate = raw.estimateAmount;
  if (estimate !== undefined && (typeof estimate !== 'number' || estimate < 0)) errors.add('estimateAmount', 'The estimateAmount field must be a positive amount.');
  const deadline = raw.deadlineUtc === undefined ? undefined : utcDateTime(raw.deadlineUtc);
  if (raw.deadlineUtc !== undefined && !deadline) errors.add('deadlineUtc', 'The deadlineUtc field must be an ISO-8601 UTC date time.');
  return ruled(errors, () => {
    const project: ProjectRec = {
      projectId: randomUUID(), contactId: contact!.ContactID, name: name!, currencyCode, status: 'INPROGRESS',
      ...(typeof estimate === 'number' ? { estimateCents: toCents(estimate) } : {}), ...(deadline ? { deadlineUtc: deadline } : {}),
    };
    book.projects.set(project.projectId, project);
    return project;
  });
};

/** PATCH /Projects/{id}: the status only. */
export const patchProject = (project: ProjectRec, body: unknown): Ruled<ProjectRec> => {
  const status = bodyObject(body).status;
  const errors = new FieldErrors();
  if (status !== 'INPROGRESS' && status !== 'CLOSED') errors.add('status', 'The status field must be INPROGRESS or CLOSED.');
  return ruled(errors, () => {
    project.status = status as ProjectRec['status'];
    return project;
  });
};

const openProject = (errors: FieldErrors, project: ProjectRec) => {
  if (project.status !== 'INPROGRESS') errors.add('projectId', 'The project is closed.');
};

/** POST /Projects/{id}/Tasks: name (≤100, unique in the project), rate in the project's currency, chargeType. */
export const createTask = (book: ProjectsBook, project: ProjectRec, body: unknown): Ruled<TaskRec> => {
  const raw = bodyObject(body);
  const errors = new FieldErrors();
  openProject(errors, project);
  const name = requiredText(errors, raw, 'name', MAX_TASK_NAME);
  if (name && book.tasksOf(project.projectId).some((t) => t.name.toLowerCase() === name.toLowerCase())) errors.add('name', `A task named '${name}' already exists on this project.`);
  const rate = bodyObject(raw.rate);
  if (typeof rate.value !== 'number' || rate.value < 0) errors.add('rate', 'The rate field requires a value of zero or more.');
  if (rate.currency !== undefined && rate.currency !== project.currencyCode) errors.add('rate', `The rate currency must be ${project.currencyCode}, the project's currency.`);
  const chargeType = raw.chargeType;
  if (!CHARGE_TYPES.includes(chargeType as ChargeType)) errors.add('chargeType', 'The chargeType field must be TIME, FIXED or NON_CHARGEABLE.');
  const estimateMinutes = optionalInteger(errors, raw, 'estimateMinutes', 0, Number.MAX_SAFE_INTEGER);
  return ruled(errors, () => {
    const task: TaskRec = {
      taskId: randomUUID(), projectId: project.projectId, name: name!, rateCents: toCents(rate.value as number), chargeType: chargeType as ChargeType,
      ...(estimateMinutes !== undefined ? { estimateMinutes } : {}),
    };
    book.tasks.set(task.taskId, task);
    return task;
  });
};

/** The fields a create and an update share (TimeEntryCreateOrUpdate: userId, taskId, dateUtc, duration required; description optional). */
const timeFields = (book: ProjectsBook, project: ProjectRec, userIds: ReadonlySet<string>, raw: Record<string, unknown>, errors: FieldErrors) => {
  openProject(errors, project);
  const userId = typeof raw.userId === 'string' ? raw.userId.toLowerCase() : undefined;
  if (!userId || !userIds.has(userId)) errors.add('userId', 'The userId field must identify a project user.');
  const taskId = typeof raw.taskId === 'string' ? raw.taskId.toLowerCase() : undefined;
  if (!taskId || book.tasks.get(taskId)?.projectId !== project.projectId) errors.add('taskId', 'The taskId field must identify a task of this project.');
  const dateUtc = utcDateTime(raw.dateUtc);
  if (!dateUtc) errors.add('dateUtc', 'The dateUtc field must be an ISO-8601 UTC date time.');
  const duration = raw.duration;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > MAX_DURATION_MINUTES) {
    errors.add('duration', `The duration field must be a whole number of minutes from 1 to ${MAX_DURATION_MINUTES}.`);
  }
  const description = raw.description;
  if (description !== undefined && description !== null && typeof description !== 'string') errors.add('description', 'The description field must be text.');
  return () => ({
    taskId: taskId!, userId: userId!, dateUtc: dateUtc!, duration: duration as number, ...(typeof description === 'string' ? { description } : {}),
  });
};

/** POST /Projects/{id}/Time: a user of /ProjectsUsers, a task of this project, a UTC date time, 1–59940 minutes. */
export const createTimeEntry = (
  book: ProjectsBook, project: ProjectRec, userIds: ReadonlySet<string>, nowMs: number, body: unknown,
): Ruled<TimeEntryRec> => {
  const errors = new FieldErrors();
  const fields = timeFields(book, project, userIds, bodyObject(body), errors);
  return ruled(errors, () => {
    const entry: TimeEntryRec = {
      timeEntryId: randomUUID(), projectId: project.projectId, dateEnteredUtc: new Date(nowMs).toISOString(), status: 'ACTIVE', ...fields(),
    };
    book.time.set(entry.timeEntryId, entry);
    return entry;
  });
};

/**
 * PUT /Projects/{id}/Time/{entryId}: the whole entry again (the same required fields as a
 * create); a description left out becomes null (the spec says so). Only an ACTIVE entry
 * changes: "Updates are not allowed" while LOCKED, and an INVOICED one is billed (the stricter reading).
 */
export const updateTimeEntry = (
  book: ProjectsBook, project: ProjectRec, entry: TimeEntryRec, userIds: ReadonlySet<string>, body: unknown,
): Ruled<TimeEntryRec> => {
  const errors = new FieldErrors();
  const fields = timeFields(book, project, userIds, bodyObject(body), errors);
  if (entry.status !== 'ACTIVE') errors.add('timeEntryId', `The time entry is ${entry.status} and cannot be changed.`);
  return ruled(errors, () => {
    const updated: TimeEntryRec = { timeEntryId: entry.timeEntryId, projectId: entry.projectId, dateEnteredUtc: entry.dateEnteredUtc, status: entry.status, ...fields() };
    book.time.set(updated.timeEntryId, updated);
    return updated;
  });
};

/** DELETE /Projects/{id}/Time/{entryId}: an ACTIVE entry only (an invoiced one is billed; the stricter reading). */
export const deleteTimeEntry = (book: ProjectsBook, project: ProjectRec, entry: TimeEntryRec): Ruled<TimeEntryRec> => {
  const errors = new FieldErrors();
  openProject(errors, project);
  if (entry.status !== 'ACTIVE') errors.add('timeEntryId', `The time entry is ${entry.status} and cannot be deleted.`);
  return ruled(errors, () => {
    book.time.delete(entry.timeEntryId);
    return entry;
  });
};
