import type { Company } from './model/company.js';
import { metaTime } from './model/clock.js';
import { asDocs, refValue, type Doc, type EntityName } from './model/entity-types.js';
import type { ClassTrackingPrefs, SandboxWarning } from './model/preferences.js';
import { errors } from './model/qbo-error.js';
import { deletedStub, present } from './model/view.js';
import type { RuleContext } from './rules/context.js';
import { writeEntity, type WriteOperation } from './rules/operations.js';

/** Amounts as the wire carries them: 1250.5 or "1250.50". */
export type WireAmount = number | string;

export interface PaymentOptions {
  readonly txnDate?: string;
  /** BillPayment: the bank account paid from; default the first Bank account. */
  readonly bankAccountId?: string;
  /** Payment: where the money goes; default QuickBooks' own (none sent). */
  readonly depositToAccountId?: string;
}

/**
 * The company as a bookkeeper touches it in the QuickBooks UI, for tests and the demo: same
 * rules as the API (so SyncTokens bump and webhooks fire) but no token, limit or requestid.
 */
export class CompanyAdmin {
  constructor(readonly company: Company, private readonly context: () => RuleContext) {}

  list(entity: EntityName): Doc[] {
    return this.company.all(entity).map((stored) => present(this.company, stored));
  }

  get(entity: EntityName, id: string): Doc | undefined {
    const stored = this.company.get(entity, id);
    return stored ? present(this.company, stored) : undefined;
  }

  deleted(entity: EntityName): Doc[] {
    return this.company.tombstones.filter((t) => t.entity === entity)
      .map((t) => ({ ...deletedStub(t.id), MetaData: { LastUpdatedTime: metaTime(new Date(t.deletedMs)) } }));
  }

  /** Any write, as the API does it (wire body; Id + SyncToken for updates). Throws QboError. */
  write(entity: EntityName, body: Doc, operation?: WriteOperation): Doc {
    const result = writeEntity(this.context(), entity, body, operation);
    return result.kind === 'deleted' ? deletedStub(result.id) : present(this.company, result.stored);
  }

  /** Pays (part of) a bill by check, as a bookkeeper recording a payment run. */
  payBill(billId: string, amount: WireAmount, options: PaymentOptions = {}): Doc {
    const bill = this.require('Bill', billId);
    const bank = options.bankAccountId ?? this.company.all('Account').find((a) => a.doc.AccountType === 'Bank')?.doc.Id;
    return this.write('BillPayment', {
      VendorRef: { value: refValue(bill, 'VendorRef') },
      PayType: 'Check',
      TotalAmt: amount,
      CheckPayment: { BankAccountRef: { value: bank }, PrintStatus: 'NotSet' },
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: billId, TxnType: 'Bill' }] }],
      ...(options.txnDate ? { TxnDate: options.txnDate } : {}),
    });
  }

  /** Receives (part of) an invoice's amount from its customer. */
  receivePayment(invoiceId: string, amount: WireAmount, options: PaymentOptions = {}): Doc {
    const invoice = this.require('Invoice', invoiceId);
    return this.write('Payment', {
      CustomerRef: { value: refValue(invoice, 'CustomerRef') },
      TotalAmt: amount,
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] }],
      ...(options.depositToAccountId ? { DepositToAccountRef: { value: options.depositToAccountId } } : {}),
      ...(options.txnDate ? { TxnDate: options.txnDate } : {}),
    });
  }

  /** Changes one line's amount on a posted bill (first line unless `lineId`), bumping its SyncToken. */
  editBillLine(billId: string, amount: WireAmount, lineId?: string, description?: string): Doc {
    const bill = this.require('Bill', billId);
    const lines = asDocs(bill.Line);
    const target = lineId ?? String(lines[0]?.Id);
    if (!lines.some((l) => l.Id === target)) throw errors.notFound('Bill line', target);
    const edited = lines.map((line) => (line.Id === target ? editedLine(line, amount, description) : line));
    return this.write('Bill', { ...bill, Line: edited });
  }

  deleteBill(billId: string): Doc {
    const bill = this.require('Bill', billId);
    return this.write('Bill', { Id: billId, SyncToken: bill.SyncToken }, 'delete');
  }

  /** Makes a name-list record inactive (QuickBooks' "delete" for vendors, customers, accounts…). */
  setActive(entity: EntityName, id: string, active: boolean): Doc {
    const doc = this.require(entity, id);
    return this.write(entity, { Id: id, SyncToken: doc.SyncToken, sparse: true, Active: active });
  }

  /** What the company's settings say about classes (Preferences.AccountingInfoPrefs); unnamed settings stay as they are. */
  setClassTracking(prefs: Partial<ClassTrackingPrefs>): ClassTrackingPrefs {
    this.company.classTracking = { ...this.company.classTracking, ...prefs };
    return this.company.classTracking;
  }

  /** ClassRefs this company ignored (misplaced for its class tracking), oldest first. */
  warnings(): readonly SandboxWarning[] {
    return [...this.company.warnings];
  }

  forgetRequestIds(): void {
    this.company.forgetRequestIds();
  }

  /** False makes the realm ignore `requestid` altogether (the duplicate-through case). */
  honorRequestIds(honor: boolean): void {
    this.company.honorRequestIds = honor;
  }

  private require(entity: EntityName, id: string): Doc {
    const doc = this.get(entity, id);
    if (!doc) throw errors.notFound(entity, id);
    return doc;
  }
}

/** An item line keeps Qty × UnitPrice = Amount by becoming 1 × amount. */
const editedLine = (line: Doc, amount: WireAmount, description: string | undefined): Doc => {
  const item = line.ItemBasedExpenseLineDetail as Doc | undefined;
  return {
    ...line,
    Amount: amount,
    ...(description !== undefined ? { Description: description } : {}),
    ...(item ? { ItemBasedExpenseLineDetail: { ...item, Qty: 1, UnitPrice: amount } } : {}),
  };
};
