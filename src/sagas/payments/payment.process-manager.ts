import type { RecordedEvent } from '../../eventstore/index.js';
import type { DocumentType } from '../../domain/documents/document-ref.js';
import type { BooksPaymentSnapshot } from '../../domain/documents/snapshots.js';
import {
  decidePayment, evolvePayment, initialPaymentState, type BooksPaymentEvent, type PaymentContext, type PaymentEvent, type PaymentInput, type PaymentState,
} from '../../domain/payments/index.js';
import { everyType, isTypeIn } from '../../domain/shared/event-types.js';
import type { ProcessManager } from '../runner/process-manager.js';
import type { PaymentLinks } from '../context/payment-links.js';
import { partitionFor, routeFor } from '../context/routing.js';

const SAGA = 'payment_writeback';
const DOCUMENT_TYPES: readonly DocumentType[] = ['bill_payment', 'payment'];
export const PAYMENT_DOCUMENT_EVENTS = everyType<BooksPaymentEvent['type']>()(['BillPaymentRecorded.v1', 'BillPaymentChanged.v1', 'PaymentReceived.v1', 'PaymentChanged.v1']);
const OUTCOMES = [
  'ProcorePaymentRecorded.v1', 'ProcorePaymentUpdated.v1', 'ProcorePaymentDeleted.v1', 'PostingFailed.v1', 'PostingDeadLettered.v1', 'SyncRetryRequested.v1',
] as const satisfies readonly PaymentInput['type'][];

export interface PaymentDeps {
  readonly links: PaymentLinks;
}

/**
 * The payments-back saga (src/domain/payments), one instance per books payment. Links are
 * looked up only for a new version of the payment: the decider reads them only then.
 */
export const paymentProcessManager = (deps: PaymentDeps): ProcessManager<PaymentState, PaymentContext> => ({
  name: 'payment-writeback',
  inputTypes: everyType<PaymentInput['type']>()([...PAYMENT_DOCUMENT_EVENTS, ...OUTCOMES]),
  instancesFor: routeFor(SAGA, DOCUMENT_TYPES),
  initialState: initialPaymentState,
  evolve: (state, event) => evolvePayment(state, event as PaymentEvent),
  loadContext: async (input: RecordedEvent) => {
    if (!isTypeIn(PAYMENT_DOCUMENT_EVENTS, input.type)) return { links: [] };
    const { appliedTo } = (input.data as { snapshot: BooksPaymentSnapshot }).snapshot;
    return { links: await deps.links.linksFor(input.metadata.connection ?? '', appliedTo) };
  },
  decide: (input, state, context) => decidePayment(input as PaymentInput, state, context),
});

export const paymentPartition = partitionFor(SAGA, DOCUMENT_TYPES);
