import type { RecordedEvent } from '../../eventstore/index.js';
import type { CostCodeMapping } from '../../domain/mapping/index.js';
import {
  decideOwnerEstimate, evolveOwnerEstimate, initialOwnerEstimateState, ownerEstimateDocument,
  type OwnerEstimateContext, type OwnerEstimateInput, type OwnerEstimateOutput, type OwnerEstimateState, type TakeoffRevisionRecorded,
} from '../../domain/owner-estimates/index.js';
import { instanceStreamOf } from '../../domain/posting/sync-facts.js';
import { everyType } from '../../domain/shared/event-types.js';
import type { ProcessManager } from '../runner/process-manager.js';
import { partitionFor, routeFor } from '../context/routing.js';

const SAGA = 'owner_estimate';
/** The import kinds whose revisions are takeoffs to estimate from. */
const TAKEOFF_KINDS: readonly string[] = ['planswift-takeoff'];
const INPUTS = everyType<OwnerEstimateInput['type']>()([
  'ImportRevisionRecorded.v1', 'OwnerEstimatePosted.v1', 'OwnerEstimateUpdated.v1', 'PostingFailed.v1', 'PostingDeadLettered.v1', 'MappingChanged.v1', 'SyncRetryRequested.v1',
]);

export interface OwnerEstimateDeps {
  readonly mapping: (connection: string) => CostCodeMapping | null;
  /** Whether the connection keeps an owner estimate of its takeoffs in the books (its config says so). */
  readonly enabled: (connection: string) => boolean;
}

/** A takeoff revision of a connection that keeps estimates goes to its project's instance. */
const takeoffInstance = (deps: OwnerEstimateDeps) => (event: RecordedEvent): string | undefined => {
  if (event.type !== 'ImportRevisionRecorded.v1') return undefined;
  const { connection, kind, projectId } = (event as unknown as TakeoffRevisionRecorded).data;
  if (!TAKEOFF_KINDS.includes(kind) || !deps.enabled(connection)) return undefined;
  return instanceStreamOf(SAGA, ownerEstimateDocument(connection, projectId));
};

/**
 * The owner-estimate saga (src/domain/owner-estimates), one instance per connection and
 * project: each takeoff revision is written to the project's estimate in the books, posted the
 * first time and updated after, one request at a time.
 */
export const ownerEstimateProcessManager = (deps: OwnerEstimateDeps): ProcessManager<OwnerEstimateState, OwnerEstimateContext> => {
  const instance = takeoffInstance(deps);
  return {
    name: 'owner-estimate',
    inputTypes: INPUTS,
    instancesFor: routeFor(SAGA, [], (event) => [instance(event) ?? []].flat()),
    initialState: initialOwnerEstimateState,
    evolve: (state, event) => evolveOwnerEstimate(state, event as OwnerEstimateInput | OwnerEstimateOutput),
    loadContext: async (input) => ({ mapping: deps.mapping(input.metadata.connection ?? '') }),
    decide: (input, state, context) => decideOwnerEstimate(input as OwnerEstimateInput, state, context),
  };
};

export const ownerEstimatePartition = (deps: OwnerEstimateDeps) => partitionFor(SAGA, [], takeoffInstance(deps));
