import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import type { DocumentRef } from '../../domain/documents/document-ref.js';
import type { OwnerInvoiceSnapshot, SubcontractorInvoiceSnapshot } from '../../domain/documents/snapshots.js';
import type { BooksDocumentLink } from '../../domain/payments/index.js';

/** A books transaction the hub posted (BillPosted.v1, InvoicePosted.v1), and the saga instance that asked for it. */
export interface PostedTransaction {
  readonly txnType: BooksDocumentLink['txnType'];
  readonly txnId: string;
  readonly sagaStream: string;
}

/** The hub's posted transactions, a durable read model implemented in src/projections. */
export interface PostedTransactions {
  /** Those of `txns` the hub posted on the connection; the others are left out. */
  postedOf(connection: string, txns: readonly { readonly txnId: string; readonly txnType: string }[]): Promise<PostedTransaction[]>;
}

type DocumentInput = { ref: DocumentRef; snapshot: Partial<SubcontractorInvoiceSnapshot & OwnerInvoiceSnapshot> };

const isDocumentInput = (event: RecordedEvent): boolean => {
  const data = event.data as Partial<DocumentInput> | null;
  return typeof data?.ref === 'object' && typeof data.snapshot === 'object';
};

/**
 * Books transaction -> the Procore document behind it, for the payments-back saga. The
 * posting outcome names the saga that asked for it (`metadata.sagaStream`); that saga's
 * stream holds copies of its document's events, the latest of which says project, contract
 * and invoice number. A vendor credit is not linked: a payment-back is a Bill or an Invoice.
 */
export class PaymentLinks {
  constructor(private readonly store: EventStore, private readonly posted: PostedTransactions) {}

  /** Links for the transactions the hub posted. */
  async linksFor(connection: string, txns: readonly { readonly txnId: string; readonly txnType: string }[]): Promise<BooksDocumentLink[]> {
    const posted = await this.posted.postedOf(connection, txns);
    const links = await Promise.all(posted.map((p) => this.linkOf(p)));
    return links.filter((l): l is BooksDocumentLink => l !== null);
  }

  private async linkOf(posted: PostedTransaction): Promise<BooksDocumentLink | null> {
    const events = await this.store.readStream(posted.sagaStream);
    const latest = events.filter(isDocumentInput).at(-1);
    if (!latest) return null;
    const { ref, snapshot } = latest.data as DocumentInput;
    const contractId = posted.txnType === 'Bill' ? snapshot.commitmentId : snapshot.primeContractId;
    if (!snapshot.projectId || !contractId) return null;
    return { txnId: posted.txnId, txnType: posted.txnType, document: ref, projectId: snapshot.projectId, contractId, invoiceNumber: snapshot.invoiceNumber ?? null };
  }
}
