import type { TimecardEvent } from '../documents/document-events.js';
import type { BooksJobResolved, MappingChanged, MappingRemapApplied, PostingDeadLettered, PostingFailed } from '../posting/posting-outcomes.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { EmployeeLink, TimeEntryNeeds } from '../books/books-vocabulary.js';

// The books' view of a worker lives with the books port that finds it; timecards read it.
export type { EmployeeLink } from '../books/books-vocabulary.js';
import type { SyncRetryRequested } from '../posting/sync-facts.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

interface Answer {
  readonly requestNo: number;
}

export type TimeActivityPosted = Msg<'TimeActivityPosted.v1', Answer & { timeActivityId: string; syncToken: string }>;
export type TimeActivityUpdated = Msg<'TimeActivityUpdated.v1', Answer & { timeActivityId: string; syncToken: string }>;
/** Also the answer when it was already gone (QBO 610). */
export type TimeActivityDeleted = Msg<'TimeActivityDeleted.v1', Answer & { timeActivityId: string }>;

export type TimeActivityOutcome = BooksJobResolved | TimeActivityPosted | TimeActivityUpdated | TimeActivityDeleted;

export type TimecardInput =
  TimecardEvent | TimeActivityOutcome | PostingFailed | PostingDeadLettered | MappingChanged | MappingRemapApplied | SyncRetryRequested;

/** What the runner looks up and passes in with every input. */
export interface TimecardContext {
  /** The service item for the entry's cost code and type (a rule with an item target, when the books need one), and the Customer:Job. */
  readonly mapping: CostCodeMapping | null;
  readonly jobLink: BooksRef | null;
  /** The worker's books employee (the runner's employee link table); null parks the entry until it is linked. */
  readonly employee: EmployeeLink | null;
  /** What the connection's books need to keep time (its books port's); absent: a service item per cost code. */
  readonly timeNeeds?: TimeEntryNeeds;
}
