import { describe, expect, it } from 'vitest';
import { createQbdSandbox } from '../../sandbox/qbd/index.js';
import { child, parseXml, textOf, type XmlNode } from '../../sandbox/qbd/qbxml/xml.js';

const QWC = `<?xml version="1.0"?><QBWCXML><AppName>t</AppName><AppURL>https://hub.example.com/qbwc</AppURL><UserName>u</UserName>
<OwnerID>{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}</OwnerID><FileID>{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}</FileID><QBType>QBFS</QBType></QBWCXML>`;
const JOB = 'Harbor Point Builders:2026-014 Riverside Medical Office';

const deskRet = (sandbox: ReturnType<typeof createQbdSandbox>, body: string): XmlNode => {
  const result = sandbox.desk(`<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`);
  if (result.kind !== 'response') throw new Error(result.message);
  const rs = parseXml(result.xml)?.roots[0]?.children[0]?.children[0] as XmlNode;
  expect(rs.attrs['statusCode']).toBe('0');
  return rs.children[0] as XmlNode;
};

describe('the bookkeeper at the QuickBooks desk', () => {
  it('pays a bill and receives a payment on an invoice; refuses paying more than is open', () => {
    const sandbox = createQbdSandbox({ qwc: QWC, password: 'p' });
    const bill = deskRet(sandbox, `<BillAddRq><BillAdd><VendorRef><FullName>Summit Insulation Inc</FullName></VendorRef><RefNumber>S-1</RefNumber>`
      + `<ExpenseLineAdd><AccountRef><FullName>Job Costs:Subcontractors</FullName></AccountRef><Amount>900.00</Amount><CustomerRef><FullName>${JOB}</FullName></CustomerRef>`
      + `<ClassRef><FullName>23 HVAC</FullName></ClassRef></ExpenseLineAdd></BillAdd></BillAddRq>`);
    const billId = textOf(bill, 'TxnID') as string;
    expect(() => sandbox.bookkeeper.payBill(billId, 90001n, '2026-04-01')).toThrow(/3210/);
    const paymentId = sandbox.bookkeeper.payBill(billId, 90000n, '2026-04-01');
    expect(sandbox.company.txnById(paymentId)?.kind).toBe('BillPaymentCheck');
    expect(sandbox.company.txnById(billId)?.applied).toBe(90000n);

    const invoice = deskRet(sandbox, `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>${JOB}</FullName></CustomerRef><RefNumber>PA-1</RefNumber>`
      + '<InvoiceLineAdd><ItemRef><FullName>Progress Billing</FullName></ItemRef><Amount>5000.00</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>');
    const received = sandbox.bookkeeper.receivePayment(textOf(invoice, 'TxnID') as string, 250000n, '2026-04-15');
    const payment = deskRet(sandbox, `<ReceivePaymentQueryRq><TxnID>${received}</TxnID></ReceivePaymentQueryRq>`);
    expect(textOf(payment, 'TotalAmount')).toBe('2500.00');
    expect(textOf(child(payment, 'AppliedToTxnRet') as XmlNode, 'TxnID')).toBe(textOf(invoice, 'TxnID'));
  });

  it('lists cost lines by job, class and account for a reconciliation, credits negative', () => {
    const sandbox = createQbdSandbox({ qwc: QWC, password: 'p' });
    const line = (amount: string) => `<ExpenseLineAdd><AccountRef><FullName>Job Costs:Subcontractors</FullName></AccountRef><Amount>${amount}</Amount>`
      + `<CustomerRef><FullName>${JOB}</FullName></CustomerRef><ClassRef><FullName>23 HVAC</FullName></ClassRef></ExpenseLineAdd>`;
    deskRet(sandbox, `<BillAddRq><BillAdd><VendorRef><FullName>Summit Insulation Inc</FullName></VendorRef><RefNumber>S-2</RefNumber>${line('100.00')}${line('20.50')}</BillAdd></BillAddRq>`);
    deskRet(sandbox, `<VendorCreditAddRq><VendorCreditAdd><VendorRef><FullName>Summit Insulation Inc</FullName></VendorRef><RefNumber>C-1</RefNumber>${line('10.00')}</VendorCreditAdd></VendorCreditAddRq>`);
    const lines = sandbox.bookkeeper.costLines();
    expect(lines.map((l) => [l.kind, l.refNumber, l.job, l.className, l.account, l.amount])).toEqual([
      ['Bill', 'S-2', JOB, '23 HVAC', 'Job Costs:Subcontractors', 10000n],
      ['Bill', 'S-2', JOB, '23 HVAC', 'Job Costs:Subcontractors', 2050n],
      ['VendorCredit', 'C-1', JOB, '23 HVAC', 'Job Costs:Subcontractors', -1000n],
    ]);
  });

  it('touch makes the hub\'s EditSequence stale', () => {
    const sandbox = createQbdSandbox({ qwc: QWC, password: 'p' });
    const vendor = sandbox.company.listByFullName(['Vendor'], 'Summit Insulation Inc');
    const before = vendor?.editSequence;
    sandbox.touch(vendor?.listId as string);
    expect(vendor?.editSequence).not.toBe(before);
    expect(() => sandbox.touch('nope')).toThrow(/No list object/);
  });
});
