import type { RecordedEvent } from '../../eventstore/index.js';
import type { DocumentType } from '../../domain/documents/document-ref.js';
import type { OwnerInvoiceSnapshot } from '../../domain/documents/snapshots.js';
import type { CostCodeMapping } from '../../domain/mapping/index.js';
import {
  decideOwnerInvoice, evolveOwnerInvoice, initialOwnerInvoiceState,
  type OwnerBillingSettings, type OwnerInvoiceContext, type OwnerInvoiceEventInStream, type OwnerInvoiceInput, type OwnerInvoiceState,
} from '../../domain/owner-invoices/index.js';
import { ZERO } from '../../domain/shared/money.js';
import type { OwnerInvoiceEvent } from '../../domain/documents/document-events.js';
import { everyType, isTypeIn } from '../../domain/shared/event-types.js';
import type { ProcessManager } from '../runner/process-manager.js';
import type { BooksLinks } from '../links/books-links.js';
import type { ChangeOrdersToCarry } from '../context/change-orders-to-carry.js';
import type { RetainageLedger } from '../context/retainage-ledger.js';
import { partitionFor, routeFor } from '../context/routing.js';

const SAGA = 'owner_invoice';
const DOCUMENT_TYPES: readonly DocumentType[] = ['owner_invoice'];
export const OWNER_INVOICE_DOCUMENT_EVENTS = everyType<OwnerInvoiceEvent['type']>()(['OwnerInvoiceSubmitted.v1', 'OwnerInvoiceApproved.v1', 'OwnerInvoiceRevised.v1', 'OwnerInvoiceVoided.v1']);
const OUTCOMES = [
  'BooksJobResolved.v1', 'InvoicePosted.v1', 'InvoiceUpdated.v1', 'InvoiceVoided.v1', 'PostingFailed.v1', 'PostingDeadLettered.v1', 'SyncRetryRequested.v1',
] as const satisfies readonly OwnerInvoiceInput['type'][];

export interface OwnerInvoiceDeps {
  readonly mapping: (connection: string) => CostCodeMapping | null;
  readonly billing: (connection: string) => OwnerBillingSettings | null;
  readonly links: BooksLinks;
  readonly retainage: RetainageLedger;
  readonly changeOrders: ChangeOrdersToCarry;
}

const snapshotOf = (input: RecordedEvent, state: OwnerInvoiceState): OwnerInvoiceSnapshot | undefined => {
  if (isTypeIn(OWNER_INVOICE_DOCUMENT_EVENTS, input.type)) return (input.data as { snapshot: OwnerInvoiceSnapshot }).snapshot;
  return state.status === 'Tracking' ? state.doc.snapshot : undefined;
};

/**
 * Retainage held and the change orders to carry are read only for a new version of the owner
 * invoice (the decider uses them only then), as of every fact committed before it.
 */
const projectFacts = async (deps: OwnerInvoiceDeps, input: RecordedEvent, connection: string, snapshot: OwnerInvoiceSnapshot | undefined) => {
  if (!snapshot || !isTypeIn(OWNER_INVOICE_DOCUMENT_EVENTS, input.type)) return { retainageHeld: ZERO, changeOrdersToCarry: [] };
  const [retainageHeld, changeOrdersToCarry] = await Promise.all([deps.retainage.heldOn(connection, snapshot.projectId), deps.changeOrders.pending(connection)]);
  return { retainageHeld, changeOrdersToCarry };
};

/** The owner-invoice saga (src/domain/owner-invoices), one instance per Procore payment application. */
export const ownerInvoiceProcessManager = (deps: OwnerInvoiceDeps): ProcessManager<OwnerInvoiceState, OwnerInvoiceContext> => ({
  name: 'owner-invoice',
  inputTypes: everyType<OwnerInvoiceInput['type']>()([...OWNER_INVOICE_DOCUMENT_EVENTS, ...OUTCOMES, 'MappingChanged.v1', 'MappingRemapApplied.v1']),
  instancesFor: routeFor(SAGA, DOCUMENT_TYPES),
  initialState: initialOwnerInvoiceState,
  evolve: (state, event) => evolveOwnerInvoice(state, event as OwnerInvoiceEventInStream),
  loadContext: async (input, state) => {
    const connection = input.metadata.connection ?? '';
    const snapshot = snapshotOf(input, state);
    return {
      mapping: deps.mapping(connection),
      jobLink: snapshot ? await deps.links.get(connection, 'job', snapshot.projectId) : null,
      billing: deps.billing(connection),
      ...(await projectFacts(deps, input, connection, snapshot)),
    };
  },
  decide: (input, state, context) => decideOwnerInvoice(input as OwnerInvoiceInput, state, context),
});

/**
 * One connection's owner invoices run one at a time: two approved together would otherwise
 * both carry the same change order and both count from the same retainage held. They are few
 * (a payment application a month per contract), so nothing waits long.
 */
export const ownerInvoicePartition = (event: RecordedEvent): string => {
  const instance = partitionFor(SAGA, DOCUMENT_TYPES)(event);
  return instance.includes(`.saga.${SAGA}-`) ? `${instance.split('.', 1)[0]}.saga.${SAGA}` : instance;
};
