import type { Cents } from '../support/money.js';
import type { ModelState } from './input.js';
import { fromCents } from '../support/money.js';
import type { ProjectRec, ProjectsBook, TaskRec, TimeEntryRec } from './model.js';

const amount = (currency: string, cents: Cents) => ({ currency, value: fromCents(cents) });

/** A task's chargeable value: rate × minutes / 60, rounded to the cent (rounding rule UNCONFIRMED). */
const timeValueCents = (task: TaskRec, minutes: number): Cents => Math.round((task.rateCents * minutes) / 60);

const minutesOn = (book: ProjectsBook, task: TaskRec): number =>
  book.timeOf(task.projectId).filter((t) => t.taskId === task.taskId).reduce((sum, t) => sum + t.duration, 0);

const taskAmountCents = (book: ProjectsBook, task: TaskRec): Cents => {
  switch (task.chargeType) {
    case 'TIME': return timeValueCents(task, minutesOn(book, task));
    case 'FIXED': return task.rateCents;
    case 'NON_CHARGEABLE': return 0;
  }
};

export const taskView = (book: ProjectsBook, task: TaskRec, currency: string) => {
  const minutes = minutesOn(book, task);
  const total = taskAmountCents(book, task);
  return {
    taskId: task.taskId, projectId: task.projectId, name: task.name, rate: amount(currency, task.rateCents), chargeType: task.chargeType,
    ...(task.estimateMinutes !== undefined ? { estimateMinutes: task.estimateMinutes } : {}),
    totalMinutes: minutes, totalAmount: amount(currency, total), minutesInvoiced: 0,
    minutesToBeInvoiced: task.chargeType === 'NON_CHARGEABLE' ? 0 : minutes,
    fixedMinutes: task.chargeType === 'FIXED' ? minutes : 0, nonChargeableMinutes: task.chargeType === 'NON_CHARGEABLE' ? minutes : 0,
    amountToBeInvoiced: amount(currency, total), amountInvoiced: amount(currency, 0), status: 'ACTIVE',
  };
};

/** Nothing is invoiced or spent on expenses in the simulator: those totals stay zero. */
export const projectView = (book: ProjectsBook, project: ProjectRec) => {
  const currency = project.currencyCode;
  const tasks = book.tasksOf(project.projectId);
  const minutes = book.timeOf(project.projectId).reduce((sum, t) => sum + t.duration, 0);
  const taskTotal = tasks.reduce((sum, t) => sum + taskAmountCents(book, t), 0);
  const zero = amount(currency, 0);
  return {
    projectId: project.projectId, contactId: project.contactId, name: project.name, currencyCode: currency, minutesLogged: minutes,
    totalTaskAmount: amount(currency, taskTotal), totalExpenseAmount: zero, minutesToBeInvoiced: minutes,
    taskAmountToBeInvoiced: amount(currency, taskTotal), taskAmountInvoiced: zero, expenseAmountToBeInvoiced: zero, expenseAmountInvoiced: zero,
    projectAmountInvoiced: zero, deposit: zero, depositApplied: zero, creditNoteAmount: zero, totalInvoiced: zero,
    totalToBeInvoiced: amount(currency, taskTotal),
    ...(project.deadlineUtc ? { deadlineUtc: project.deadlineUtc } : {}),
    ...(project.estimateCents !== undefined ? { estimate: amount(currency, project.estimateCents) } : {}),
    status: project.status,
  };
};

export const timeEntryView = (entry: TimeEntryRec) => ({
  timeEntryId: entry.timeEntryId, userId: entry.userId, projectId: entry.projectId, taskId: entry.taskId,
  dateUtc: entry.dateUtc, dateEnteredUtc: entry.dateEnteredUtc, duration: entry.duration,
  ...(entry.description !== undefined ? { description: entry.description } : {}), status: entry.status,
});

/** `{ pagination, items }`: page ≥ 1 (default 1), pageSize 1–500 (default 50); anything else is a 400. */
export const paged = <T>(items: readonly T[], page: string | undefined, pageSize: string | undefined):
  { readonly error: ModelState; readonly body?: never } | { readonly error?: never; readonly body: { pagination: object; items: T[] } } => {
  const number = page === undefined ? 1 : Number(page);
  const size = pageSize === undefined ? 50 : Number(pageSize);
  if (!Number.isInteger(number) || number < 1) return { error: { page: ['The page parameter must be a number greater than 0.'] } };
  if (!Number.isInteger(size) || size < 1 || size > 500) return { error: { pageSize: ['The pageSize parameter must be a number between 1 and 500.'] } };
  const start = (number - 1) * size;
  return {
    body: {
      pagination: { page: number, pageSize: size, pageCount: Math.ceil(items.length / size), itemCount: items.length },
      items: items.slice(start, start + size),
    },
  };
};
