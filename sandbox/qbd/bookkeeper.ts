import type { QbdCompany } from './company/company.js';
import { formatCents } from './company/decimal.js';
import type { ProcessResult } from './qbxml/processor.js';
import type { QbxmlSession } from './qbxml/session.js';
import { buildXml, el, leaf, parseXml, textOf, type XmlNode } from './qbxml/xml.js';

/** One transaction line with the references a job-cost report groups by. Amount in cents. */
export interface CostLine {
  readonly kind: string;
  readonly txnId: string;
  readonly refNumber: string | undefined;
  readonly job: string | undefined;
  readonly className: string | undefined;
  readonly item: string | undefined;
  readonly account: string | undefined;
  readonly amount: bigint;
}

const refName = (fields: readonly XmlNode[], name: string): string | undefined => {
  const node = fields.find((f) => f.name === name);
  return node ? textOf(node, 'FullName') : undefined;
};

/**
 * What a bookkeeper does at the QuickBooks desk, outside the Web Connector: pays bills, records
 * customer payments (which the hub reads back), and the sums a reconciliation compares with.
 * Every write goes through the same qbXML rules as the hub's requests.
 */
export class Bookkeeper {
  constructor(private readonly company: QbdCompany, private readonly desk: QbxmlSession) {}

  /** Runs one request at the desk; returns the new transaction's TxnID or throws with QuickBooks' status. */
  private run(request: XmlNode): string {
    const text = `<?xml version="1.0"?><?qbxml version="13.0"?>${buildXml([el('QBXML', [el('QBXMLMsgsRq', [request], { onError: 'stopOnError' })])])}`;
    const result: ProcessResult = this.desk.process(text);
    if (result.kind !== 'response') throw new Error(result.message);
    const rs = parseXml(result.xml)?.roots[0]?.children[0]?.children[0];
    if (rs?.attrs['statusCode'] !== '0') throw new Error(`QuickBooks refused: ${rs?.attrs['statusCode'] ?? '?'} ${rs?.attrs['statusMessage'] ?? ''}`);
    return textOf(rs.children[0] ?? el('none'), 'TxnID') ?? '';
  }

  /** A bill payment by check from `bank` (default Checking); returns the payment's TxnID. */
  payBill(billTxnId: string, amountCents: bigint, txnDate: string, bank = 'Checking'): string {
    const bill = this.company.txnById(billTxnId);
    const vendor = bill ? this.company.refListId(bill, 'VendorRef') : undefined;
    if (!vendor) throw new Error(`No bill ${billTxnId}`);
    return this.run(el('BillPaymentCheckAddRq', [el('BillPaymentCheckAdd', [
      el('PayeeEntityRef', [leaf('ListID', vendor)]), leaf('TxnDate', txnDate), el('BankAccountRef', [leaf('FullName', bank)]),
      el('AppliedToTxnAdd', [leaf('TxnID', billTxnId), leaf('PaymentAmount', formatCents(amountCents))]),
    ])]));
  }

  /** A customer payment applied to one invoice; returns the payment's TxnID. */
  receivePayment(invoiceTxnId: string, amountCents: bigint, txnDate: string): string {
    const invoice = this.company.txnById(invoiceTxnId);
    const customer = invoice ? this.company.refListId(invoice, 'CustomerRef') : undefined;
    if (!customer) throw new Error(`No invoice ${invoiceTxnId}`);
    return this.run(el('ReceivePaymentAddRq', [el('ReceivePaymentAdd', [
      el('CustomerRef', [leaf('ListID', customer)]), leaf('TxnDate', txnDate), leaf('TotalAmount', formatCents(amountCents)),
      el('AppliedToTxnAdd', [leaf('TxnID', invoiceTxnId), leaf('PaymentAmount', formatCents(amountCents))]),
    ])]));
  }

  /** Every line of the given transaction types, job and class as on the line (or the header when the line has none). */
  costLines(kinds: readonly string[] = ['Bill', 'VendorCredit']): CostLine[] {
    return kinds.flatMap((kind) => this.company.txnsOf(kind).flatMap((txn) => txn.lines.map((line) => ({
      kind, txnId: txn.txnId, refNumber: textOf(el('h', txn.fields), 'RefNumber'),
      job: refName(line.fields, 'CustomerRef') ?? refName(txn.fields, 'CustomerRef'),
      className: refName(line.fields, 'ClassRef') ?? refName(txn.fields, 'ClassRef'),
      item: refName(line.fields, 'ItemRef'), account: refName(line.fields, 'AccountRef'),
      amount: kind === 'VendorCredit' ? -line.amount : line.amount,
    }))));
  }
}
