import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import type { DocumentRef } from '../../domain/documents/document-ref.js';
import type { OwnerInvoiceSnapshot, SubcontractorInvoiceSnapshot } from '../../domain/documents/snapshots.js';
import type { BooksDocumentLink } from '../../domain/payments/index.js';
import type { BillPosted } from '../../domain/invoice-sync/invoice-sync.inputs.js';
import type { InvoicePosted } from '../../domain/owner-invoices/index.js';
import { FactIndex } from './fact-index.js';

/** Posting outcomes that create a books transaction a payment can apply to, and its QuickBooks type. */
type PostedKind = { readonly txnType: BooksDocumentLink['txnType']; readonly idField: string };
const POSTED: Readonly<Record<string, PostedKind>> = {
  'BillPosted.v1': { txnType: 'Bill', idField: 'billId' },
  'InvoicePosted.v1': { txnType: 'Invoice', idField: 'invoiceId' },
} satisfies Partial<Record<(BillPosted | InvoicePosted)['type'], PostedKind>>;

interface Posted {
  readonly txnType: BooksDocumentLink['txnType'];
  readonly txnId: string;
  readonly sagaStream: string;
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
  private readonly posted = new Map<string, Posted>();
  private readonly index: FactIndex;

  constructor(private readonly store: EventStore) {
    this.index = new FactIndex(store, Object.keys(POSTED), (event) => this.fold(event));
  }

  /** Links for the transactions the hub posted, as of every outcome committed before the call. */
  async linksFor(connection: string, txns: readonly { readonly txnId: string; readonly txnType: string }[]): Promise<BooksDocumentLink[]> {
    await this.index.catchUp();
    const posted = txns.flatMap((t) => this.posted.get(`${connection}|${t.txnType}|${t.txnId}`) ?? []);
    const links = await Promise.all(posted.map((p) => this.linkOf(p)));
    return links.filter((l): l is BooksDocumentLink => l !== null);
  }

  private async linkOf(posted: Posted): Promise<BooksDocumentLink | null> {
    const events = await this.store.readStream(posted.sagaStream);
    const latest = events.filter(isDocumentInput).at(-1);
    if (!latest) return null;
    const { ref, snapshot } = latest.data as DocumentInput;
    const contractId = posted.txnType === 'Bill' ? snapshot.commitmentId : snapshot.primeContractId;
    if (!snapshot.projectId || !contractId) return null;
    return { txnId: posted.txnId, txnType: posted.txnType, document: ref, projectId: snapshot.projectId, contractId, invoiceNumber: snapshot.invoiceNumber ?? null };
  }

  private fold(event: RecordedEvent): void {
    const kind = POSTED[event.type];
    const connection = event.metadata.connection;
    const sagaStream = event.metadata.sagaStream;
    const txnId = (event.data as Record<string, unknown> | null)?.[kind?.idField ?? ''];
    if (!kind || !connection || typeof sagaStream !== 'string' || typeof txnId !== 'string') return;
    this.posted.set(`${connection}|${kind.txnType}|${txnId}`, { txnType: kind.txnType, txnId, sagaStream });
  }
}
