import type { Cents } from '../support/money.js';

/**
 * The Xero Projects API's records (facts §11). Kept per tenant beside the Accounting
 * organisation: the two APIs share contacts (a project's contactId) and users, nothing else.
 */
export type ProjectStatus = 'INPROGRESS' | 'CLOSED';
export type ChargeType = 'TIME' | 'FIXED' | 'NON_CHARGEABLE';
export const CHARGE_TYPES: readonly ChargeType[] = ['TIME', 'FIXED', 'NON_CHARGEABLE'];

export interface ProjectRec {
  readonly projectId: string;
  readonly contactId: string;
  name: string;
  readonly currencyCode: string;
  estimateCents?: Cents;
  deadlineUtc?: string;
  status: ProjectStatus;
}

export interface TaskRec {
  readonly taskId: string;
  readonly projectId: string;
  readonly name: string;
  readonly rateCents: Cents;
  readonly chargeType: ChargeType;
  readonly estimateMinutes?: number;
}

export interface TimeEntryRec {
  readonly timeEntryId: string;
  readonly projectId: string;
  readonly taskId: string;
  readonly userId: string;
  readonly dateUtc: string;
  readonly dateEnteredUtc: string;
  readonly duration: number;
  readonly description?: string;
  /** ACTIVE; LOCKED while being invoiced, INVOICED after (facts §12): only an ACTIVE entry changes. */
  readonly status: TimeEntryStatus;
}

export type TimeEntryStatus = 'ACTIVE' | 'LOCKED' | 'INVOICED';

/** One tenant's projects, tasks and time, in creation order. */
export class ProjectsBook {
  readonly projects = new Map<string, ProjectRec>();
  readonly tasks = new Map<string, TaskRec>();
  readonly time = new Map<string, TimeEntryRec>();

  tasksOf(projectId: string): TaskRec[] {
    return [...this.tasks.values()].filter((t) => t.projectId === projectId);
  }

  timeOf(projectId: string): TimeEntryRec[] {
    return [...this.time.values()].filter((t) => t.projectId === projectId);
  }
}

/** Every tenant's book, created on first use (an organisation with Projects switched on). */
export class ProjectsStore {
  private readonly books = new Map<string, ProjectsBook>();

  book(tenantId: string): ProjectsBook {
    const key = tenantId.toLowerCase();
    const existing = this.books.get(key);
    if (existing) return existing;
    const created = new ProjectsBook();
    this.books.set(key, created);
    return created;
  }
}
