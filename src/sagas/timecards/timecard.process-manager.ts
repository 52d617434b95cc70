import type { RecordedEvent } from '../../eventstore/index.js';
import type { DocumentType } from '../../domain/documents/document-ref.js';
import type { TimecardSnapshot } from '../../domain/documents/snapshots.js';
import type { CostCodeMapping } from '../../domain/mapping/index.js';
import type { TimeEntryNeeds } from '../../domain/books/index.js';
import {
  decideTimecard, evolveTimecard, initialTimecardState,
  type TimecardContext, type TimecardEventInStream, type TimecardInput, type TimecardState,
} from '../../domain/timecards/index.js';
import type { TimecardEvent } from '../../domain/documents/document-events.js';
import { everyType, isTypeIn } from '../../domain/shared/event-types.js';
import type { ProcessManager } from '../runner/process-manager.js';
import type { BooksLinks } from '../links/books-links.js';
import type { EmployeeLinks } from '../context/employee-links.js';
import { partitionFor, routeFor } from '../context/routing.js';

const SAGA = 'timecard_sync';
const DOCUMENT_TYPES: readonly DocumentType[] = ['timecard'];
export const TIMECARD_DOCUMENT_EVENTS = everyType<TimecardEvent['type']>()(['TimecardApproved.v1', 'TimecardRevised.v1', 'TimecardVoided.v1']);
const OUTCOMES = [
  'BooksJobResolved.v1', 'TimeActivityPosted.v1', 'TimeActivityUpdated.v1', 'TimeActivityDeleted.v1', 'PostingFailed.v1', 'PostingDeadLettered.v1', 'SyncRetryRequested.v1',
] as const satisfies readonly TimecardInput['type'][];
/** Inputs after which the saga writes nothing: no employee lookup for them. */
const FAILURES = ['PostingFailed.v1', 'PostingDeadLettered.v1'] as const satisfies readonly TimecardInput['type'][];

export interface TimecardDeps {
  readonly mapping: (connection: string) => CostCodeMapping | null;
  readonly links: BooksLinks;
  readonly employees: EmployeeLinks;
  /** What the connection's books need to keep time (its books port says); undefined: a service item per cost code. */
  readonly timeNeeds: (connection: string) => TimeEntryNeeds | undefined;
}

const snapshotOf = (input: RecordedEvent, state: TimecardState): TimecardSnapshot | undefined => {
  if (isTypeIn(TIMECARD_DOCUMENT_EVENTS, input.type)) return (input.data as { snapshot: TimecardSnapshot }).snapshot;
  return state.status === 'Tracking' ? state.doc.snapshot : undefined;
};

/** The timecard saga (src/domain/timecards), one instance per Procore timecard entry. */
export const timecardProcessManager = (deps: TimecardDeps): ProcessManager<TimecardState, TimecardContext> => ({
  name: 'timecard-sync',
  inputTypes: everyType<TimecardInput['type']>()([...TIMECARD_DOCUMENT_EVENTS, ...OUTCOMES, 'MappingChanged.v1', 'MappingRemapApplied.v1']),
  instancesFor: routeFor(SAGA, DOCUMENT_TYPES),
  initialState: initialTimecardState,
  evolve: (state, event) => evolveTimecard(state, event as TimecardEventInStream),
  loadContext: async (input, state) => {
    const connection = input.metadata.connection ?? '';
    const entry = snapshotOf(input, state);
    const needsEmployee = entry !== undefined && !isTypeIn(FAILURES, input.type) && input.type !== ('TimecardVoided.v1' satisfies TimecardEvent['type']);
    return {
      mapping: deps.mapping(connection),
      jobLink: entry ? await deps.links.get(connection, 'job', entry.projectId) : null,
      employee: needsEmployee ? await deps.employees.lookup(connection, entry.employeeId, entry.employeeName) : null,
      timeNeeds: deps.timeNeeds(connection),
    };
  },
  decide: (input, state, context) => decideTimecard(input as TimecardInput, state, context),
});

export const timecardPartition = partitionFor(SAGA, DOCUMENT_TYPES);
