import type { RecordedEvent } from '../../eventstore/index.js';
import {
  decideChangeOrder, evolveChangeOrder, initialChangeOrderState,
  type ChangeOrderContext, type ChangeOrderDocumentEvent, type ChangeOrderEvent, type ChangeOrderInput, type ChangeOrderState,
} from '../../domain/change-orders/index.js';
import type { PurchaseOrderSynced } from '../../domain/commitments/index.js';
import type { DocumentType } from '../../domain/documents/document-ref.js';
import type { ChangeOrderSnapshot } from '../../domain/documents/snapshots.js';
import type { CostCodeMapping } from '../../domain/mapping/index.js';
import type { OwnerBillingSettings } from '../../domain/owner-invoices/index.js';
import { everyType, isTypeIn } from '../../domain/shared/event-types.js';
import type { ProcessManager } from '../runner/process-manager.js';
import type { EstimateLinks } from '../context/estimate-links.js';
import { partitionFor, relatedInstance, routeFor } from '../context/routing.js';

const SAGA = 'change_order';
const DOCUMENT_TYPES: readonly DocumentType[] = ['commitment_change_order', 'prime_change_order'];
export const CHANGE_ORDER_DOCUMENT_EVENTS = everyType<ChangeOrderDocumentEvent['type']>()([
  'CommitmentChangeOrderCreated.v1', 'CommitmentChangeOrderApproved.v1', 'CommitmentChangeOrderRevised.v1', 'CommitmentChangeOrderVoided.v1',
  'PrimeChangeOrderCreated.v1', 'PrimeChangeOrderApproved.v1', 'PrimeChangeOrderRevised.v1', 'PrimeChangeOrderVoided.v1',
]);
const OUTCOMES = ['EstimateUpdated.v1', 'PostingFailed.v1', 'PostingDeadLettered.v1', 'SyncRetryRequested.v1'] as const satisfies readonly ChangeOrderInput['type'][];
/** Answers with no next step to take: they need no context. */
const FAILURES = ['PostingFailed.v1', 'PostingDeadLettered.v1'] as const satisfies readonly ChangeOrderInput['type'][];

export interface ChangeOrderDeps {
  readonly mapping: (connection: string) => CostCodeMapping | null;
  readonly billing: (connection: string) => OwnerBillingSettings | null;
  readonly estimates: EstimateLinks;
}

/** The commitment saga's PurchaseOrderSynced.v1 goes to every change order the PO holds. */
const purchaseOrderHolders = (event: RecordedEvent): string[] => {
  if (event.type !== 'PurchaseOrderSynced.v1') return [];
  const { document, changeOrders } = (event as unknown as PurchaseOrderSynced).data;
  return changeOrders.map((c) => relatedInstance(SAGA, document, 'commitment_change_order', c.changeOrderId));
};

const NO_CONTEXT: ChangeOrderContext = { mapping: null, billing: null, estimate: null };

const snapshotOf = (input: RecordedEvent, state: ChangeOrderState): ChangeOrderSnapshot | undefined => {
  if (isTypeIn(CHANGE_ORDER_DOCUMENT_EVENTS, input.type)) return (input.data as { snapshot: ChangeOrderSnapshot }).snapshot;
  return state.status === 'Tracking' ? state.doc.snapshot : undefined;
};

/**
 * The change-order saga (src/domain/change-orders), one instance per commitment or prime
 * change order. Only a prime change order's Estimate step needs lookups; a commitment change
 * order hands its lines to the commitment's saga, the only writer of the PO.
 */
export const changeOrderProcessManager = (deps: ChangeOrderDeps): ProcessManager<ChangeOrderState, ChangeOrderContext> => ({
  name: 'change-order',
  inputTypes: everyType<ChangeOrderInput['type']>()([...CHANGE_ORDER_DOCUMENT_EVENTS, 'PurchaseOrderSynced.v1', ...OUTCOMES]),
  instancesFor: routeFor(SAGA, DOCUMENT_TYPES, purchaseOrderHolders),
  initialState: initialChangeOrderState,
  evolve: (state, event) => evolveChangeOrder(state, event as ChangeOrderEvent),
  loadContext: async (input, state) => {
    const snapshot = snapshotOf(input, state);
    const connection = input.metadata.connection ?? '';
    if (snapshot?.kind !== 'prime' || isTypeIn(FAILURES, input.type)) return NO_CONTEXT;
    const billing = deps.billing(connection);
    const estimate = billing === null ? null : await deps.estimates.lookup(connection, snapshot.projectId, snapshot.contractId);
    return { mapping: deps.mapping(connection), billing, estimate };
  },
  decide: (input, state, context) => decideChangeOrder(input as ChangeOrderInput, state, context),
});

export const changeOrderPartition = partitionFor(SAGA, DOCUMENT_TYPES);
