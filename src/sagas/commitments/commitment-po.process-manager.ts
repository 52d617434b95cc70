import type { RecordedEvent } from '../../eventstore/index.js';
import type { CommitmentChangeOrderApplied } from '../../domain/change-orders/index.js';
import {
  decideCommitmentPo, evolveCommitmentPo, initialCommitmentPoState,
  type CommitmentPoContext, type CommitmentPoEvent, type CommitmentPoInput, type CommitmentPoState,
} from '../../domain/commitments/index.js';
import type { DocumentType } from '../../domain/documents/document-ref.js';
import type { CommitmentSnapshot } from '../../domain/documents/snapshots.js';
import type { CostCodeMapping } from '../../domain/mapping/index.js';
import type { CommitmentEvent } from '../../domain/documents/document-events.js';
import { everyType, isTypeIn } from '../../domain/shared/event-types.js';
import type { ProcessManager } from '../runner/process-manager.js';
import type { BooksLinks } from '../links/books-links.js';
import { partitionFor, relatedInstance, routeFor } from '../context/routing.js';

const SAGA = 'commitment_po';
const DOCUMENT_TYPES: readonly DocumentType[] = ['commitment'];
export const COMMITMENT_DOCUMENT_EVENTS = everyType<CommitmentEvent['type']>()(['CommitmentCreated.v1', 'CommitmentApproved.v1', 'CommitmentRevised.v1', 'CommitmentVoided.v1']);
const OUTCOMES = [
  'BooksVendorResolved.v1', 'BooksJobResolved.v1', 'PurchaseOrderPosted.v1', 'PurchaseOrderUpdated.v1', 'PurchaseOrderClosed.v1',
  'PostingFailed.v1', 'PostingDeadLettered.v1', 'SyncRetryRequested.v1',
] as const satisfies readonly CommitmentPoInput['type'][];

export interface CommitmentPoDeps {
  readonly mapping: (connection: string) => CostCodeMapping | null;
  readonly links: BooksLinks;
}

/** A change order's saga hands its lines in force to the commitment's saga (the PO's only writer). */
const commitmentOf = (event: RecordedEvent): string | undefined => {
  if (event.type !== ('CommitmentChangeOrderApplied.v1' satisfies CommitmentChangeOrderApplied['type'])) return undefined;
  const { document, commitmentId } = (event as unknown as CommitmentChangeOrderApplied).data;
  return relatedInstance(SAGA, document, 'commitment', commitmentId);
};

/** The commitment the input or the saga is about; unknown while only a change order has arrived. */
const commitmentSnapshot = (input: RecordedEvent, state: CommitmentPoState): CommitmentSnapshot | undefined => {
  if (isTypeIn(COMMITMENT_DOCUMENT_EVENTS, input.type)) return (input.data as { snapshot: CommitmentSnapshot }).snapshot;
  return state.status === 'Tracking' ? state.doc?.snapshot : undefined;
};

/** The commitment -> PurchaseOrder saga (src/domain/commitments), one instance per commitment. */
export const commitmentPoProcessManager = (deps: CommitmentPoDeps): ProcessManager<CommitmentPoState, CommitmentPoContext> => ({
  name: 'commitment-po',
  inputTypes: everyType<CommitmentPoInput['type']>()([...COMMITMENT_DOCUMENT_EVENTS, 'CommitmentChangeOrderApplied.v1', ...OUTCOMES, 'MappingChanged.v1', 'MappingRemapApplied.v1']),
  instancesFor: routeFor(SAGA, DOCUMENT_TYPES, (event) => [commitmentOf(event) ?? []].flat()),
  initialState: initialCommitmentPoState,
  evolve: (state, event) => evolveCommitmentPo(state, event as CommitmentPoEvent),
  loadContext: async (input, state) => {
    const connection = input.metadata.connection ?? '';
    const commitment = commitmentSnapshot(input, state);
    return {
      mapping: deps.mapping(connection),
      vendorLink: commitment ? await deps.links.get(connection, 'vendor', commitment.vendorId) : null,
      jobLink: commitment ? await deps.links.get(connection, 'job', commitment.projectId) : null,
    };
  },
  decide: (input, state, context) => decideCommitmentPo(input as CommitmentPoInput, state, context),
});

export const commitmentPoPartition = partitionFor(SAGA, DOCUMENT_TYPES, commitmentOf);
