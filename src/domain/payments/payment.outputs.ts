import type { DocumentRef } from '../documents/document-ref.js';
import type { Cents } from '../shared/money.js';
import type { DocumentSyncParked, DocumentSyncResumed, RequestBase } from '../posting/sync-facts.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/**
 * One Procore contract payment per (books payment, transaction it applies to): a BillPayment
 * paying two bills writes two, and two partial BillPayments on one bill write one each.
 * `originId` is that pair, so a repeat finds the payment instead of adding another.
 */
interface ProcorePaymentBase {
  /** Which (payment, transaction) pair: `{txnType}-{txnId}`. */
  readonly entryKey: string;
  readonly originId: string;
}

/**
 * `requisitionId`: the subcontractor invoice paid (contract_payments.requisition_id); null for
 * an owner payment, recorded on the prime contract (`contractId`) with its invoice number.
 */
export type RecordProcorePaymentRequested = Msg<'RecordProcorePaymentRequested.v1', RequestBase & ProcorePaymentBase & {
  projectId: string; contractId: string; requisitionId: string | null; amount: Cents; date: string; invoiceNumber: string | null; notes: string;
}>;
/** The books payment changed (amount or date): the Procore payment is changed in place, never added to. */
export type UpdateProcorePaymentRequested = Msg<'UpdateProcorePaymentRequested.v1', RequestBase & ProcorePaymentBase & {
  contractPaymentId: string; projectId: string; amount: Cents; date: string;
}>;
/** The books payment no longer pays that transaction, or was deleted. */
export type DeleteProcorePaymentRequested = Msg<'DeleteProcorePaymentRequested.v1', RequestBase & ProcorePaymentBase & { contractPaymentId: string; projectId: string }>;

export type PaymentRequest = RecordProcorePaymentRequested | UpdateProcorePaymentRequested | DeleteProcorePaymentRequested;

interface FactBase {
  /** The books payment. */
  readonly document: DocumentRef;
  readonly version: string;
}

/**
 * What the payment now pays on one hub-created transaction, and so on the Procore document
 * behind it (`target`): how an owner payment is recorded against its owner invoice, and a
 * subcontractor invoice's "paid". `amount` 0: no longer (changed or deleted).
 */
export type BooksPaymentApplied = Msg<'BooksPaymentApplied.v1', FactBase & {
  entryKey: string; txnId: string; txnType: 'Bill' | 'Invoice'; target: DocumentRef; projectId: string; contractId: string;
  invoiceNumber: string | null; amount: Cents; previousAmount: Cents; date: string;
}>;
/** Transactions the payment applies to that the hub did not create: left alone. */
export type PaymentApplicationsSkipped = Msg<'PaymentApplicationsSkipped.v1', FactBase & {
  skipped: readonly { readonly txnId: string; readonly txnType: string; readonly amount: Cents }[];
}>;
/** Procore holds this version of the payment. */
export type PaymentWrittenBack = Msg<'PaymentWrittenBack.v1', FactBase & {
  payments: readonly { readonly entryKey: string; readonly contractPaymentId: string; readonly amount: Cents }[];
}>;

export type PaymentFact = BooksPaymentApplied | PaymentApplicationsSkipped | PaymentWrittenBack | DocumentSyncParked | DocumentSyncResumed;

export type PaymentOutput = PaymentRequest | PaymentFact;
