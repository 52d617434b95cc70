import { beforeEach, describe, expect, it } from 'vitest';
import { QbdCompany } from '../../sandbox/qbd/company/company.js';
import { seedSampleCompany } from '../../sandbox/qbd/company/seed.js';
import { QbxmlSession } from '../../sandbox/qbd/qbxml/session.js';
import { child, parseXml, textOf, type XmlNode } from '../../sandbox/qbd/qbxml/xml.js';

const JOB = 'Harbor Point Builders:2026-014 Riverside Medical Office';
const doc = (body: string, opts: { onError?: string; version?: string } = {}) =>
  `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${opts.version ?? '13.0'}"?><QBXML><QBXMLMsgsRq onError="${opts.onError ?? 'stopOnError'}">${body}</QBXMLMsgsRq></QBXML>`;

let clock = new Date('2026-03-01T12:00:00Z');
let company: QbdCompany;
let session: QbxmlSession;

beforeEach(() => {
  clock = new Date('2026-03-01T12:00:00Z');
  company = new QbdCompany({ companyName: 'Harbor Point Builders', companyFile: 'C:\\Harbor.QBW' }, () => clock);
  seedSampleCompany(company);
  session = new QbxmlSession(company, 13);
});

/** Runs a document and returns the `…Rs` elements. */
const run = (body: string, opts: { onError?: string; version?: string; on?: QbxmlSession } = {}): readonly XmlNode[] => {
  const result = (opts.on ?? session).process(doc(body, opts));
  if (result.kind !== 'response') throw new Error(`parse error: ${result.message}`);
  return parseXml(result.xml)?.roots[0]?.children[0]?.children ?? [];
};
const one = (body: string, opts: { onError?: string; version?: string; on?: QbxmlSession } = {}): XmlNode => {
  const [rs] = run(body, opts);
  if (!rs) throw new Error('no response');
  return rs;
};
const parseError = (body: string, opts: { version?: string } = {}) => session.process(doc(body, opts));

const vendorAdd = (name: string, id = 'v') => `<VendorAddRq requestID="${id}"><VendorAdd><Name>${name}</Name></VendorAdd></VendorAddRq>`;
const expenseLine = (amount: string, account = 'Job Costs:Subcontractors') =>
  `<ExpenseLineAdd><AccountRef><FullName>${account}</FullName></AccountRef><Amount>${amount}</Amount><CustomerRef><FullName>${JOB}</FullName></CustomerRef><ClassRef><FullName>23 HVAC</FullName></ClassRef><BillableStatus>Billable</BillableStatus></ExpenseLineAdd>`;
const billAdd = (ref: string, lines: string, vendor = 'Northwind Sheet Metal LLC', id = 'b') =>
  `<BillAddRq requestID="${id}"><BillAdd><VendorRef><FullName>${vendor}</FullName></VendorRef><TxnDate>2026-03-14</TxnDate><RefNumber>${ref}</RefNumber><Memo>trestle:${ref}</Memo>${lines}</BillAdd></BillAddRq>`;

describe('schema: a bad document is rejected whole with HRESULT 0x80040400', () => {
  it.each([
    ['not well-formed XML', '<VendorAddRq><VendorAdd><Name>x</VendorAdd></VendorAddRq>', {}],
    ['an unknown request', '<FrobnicateAddRq requestID="1"/>', {}],
    ['an unknown element', '<VendorAddRq><VendorAdd><Name>x</Name><Nickname>y</Nickname></VendorAdd></VendorAddRq>', {}],
    ['elements out of order', `<BillAddRq><BillAdd><RefNumber>1</RefNumber><VendorRef><FullName>Summit Insulation Inc</FullName></VendorRef></BillAdd></BillAddRq>`, {}],
    ['a missing required element', `<BillAddRq><BillAdd><RefNumber>1</RefNumber>${expenseLine('1.00')}</BillAdd></BillAddRq>`, {}],
    ['a bad enum value', `<BillAddRq><BillAdd><VendorRef><FullName>Summit Insulation Inc</FullName></VendorRef><ExpenseLineAdd><BillableStatus>Maybe</BillableStatus></ExpenseLineAdd></BillAdd></BillAddRq>`, {}],
    ['a bad boolean', '<VendorAddRq><VendorAdd><Name>x</Name><IsActive>yes</IsActive></VendorAdd></VendorAddRq>', {}],
    ['a qbXML version newer than QuickBooks supports', vendorAdd('x'), { version: '14.0' }],
    ['an element newer than the document version', '<VendorAddRq><VendorAdd><Name>x</Name><ExternalGUID>{00000000-0000-0000-0000-000000000000}</ExternalGUID></VendorAdd></VendorAddRq>', { version: '7.0' }],
    ['a qbXML version that does not exist', vendorAdd('x'), { version: '12.5' }],
    ['a received payment with neither IsAutoApply nor AppliedToTxnAdd', `<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>${JOB}</FullName></CustomerRef><TotalAmount>1.00</TotalAmount></ReceivePaymentAdd></ReceivePaymentAddRq>`, {}],
    ['a bill payment applied to nothing', '<BillPaymentCheckAddRq><BillPaymentCheckAdd><PayeeEntityRef><FullName>Summit Insulation Inc</FullName></PayeeEntityRef><BankAccountRef><FullName>Checking</FullName></BankAccountRef></BillPaymentCheckAdd></BillPaymentCheckAddRq>', {}],
    ['ID lookups mixed with filters', '<VendorQueryRq><FullName>x</FullName><MaxReturned>1</MaxReturned></VendorQueryRq>', {}],
    ['an iterator on an Add', `<VendorAddRq iterator="Start"><VendorAdd><Name>x</Name></VendorAdd></VendorAddRq>`, {}],
  ])('%s', (_why, body, opts) => {
    const result = parseError(`${vendorAdd('Would Be Created', 'first')}${body}`, opts);
    expect(result).toMatchObject({ kind: 'parse-error', hresult: '0x80040400' });
    // Nothing in the document ran, not even the valid request before the bad one.
    expect(company.listByFullName(['Vendor'], 'Would Be Created')).toBeUndefined();
  });

  it('needs onError on QBXMLMsgsRq and the qbxml processing instruction', () => {
    expect(session.process(`<?qbxml version="13.0"?><QBXML><QBXMLMsgsRq>${vendorAdd('x')}</QBXMLMsgsRq></QBXML>`).kind).toBe('parse-error');
    expect(session.process(`<QBXML><QBXMLMsgsRq onError="stopOnError">${vendorAdd('x')}</QBXMLMsgsRq></QBXML>`).kind).toBe('parse-error');
  });
});

describe('list objects', () => {
  it('adds a vendor with ListID, EditSequence and times, echoing requestID', () => {
    clock = new Date('2026-03-02T08:30:00Z');
    const rs = one(vendorAdd('Rocky &amp; Sons Framing', 'req-7'));
    expect(rs.name).toBe('VendorAddRs');
    expect(rs.attrs).toMatchObject({ requestID: 'req-7', statusCode: '0', statusSeverity: 'Info', statusMessage: 'Status OK' });
    const ret = child(rs, 'VendorRet') as XmlNode;
    expect(textOf(ret, 'ListID')).toMatch(/^[0-9A-F]+-1772440200$/);
    expect(textOf(ret, 'EditSequence')).toMatch(/^\d+$/);
    expect(textOf(ret, 'TimeCreated')).toBe('2026-03-02T08:30:00+00:00');
    expect(textOf(ret, 'FullName')).toBe('Rocky & Sons Framing');
  });

  it('3100 for a name used by any of customers, vendors, employees (one name list), compared without case', () => {
    expect(one(vendorAdd('apex controls co')).attrs).toMatchObject({ statusCode: '3100', statusSeverity: 'Error' });
    expect(one(vendorAdd('Dana Ortiz')).attrs['statusCode']).toBe('3100');
    expect(one('<CustomerAddRq><CustomerAdd><Name>Summit Insulation Inc</Name></CustomerAdd></CustomerAddRq>').attrs['statusCode']).toBe('3100');
    expect(one(vendorAdd('Apex Controls Co (V)')).attrs['statusCode']).toBe('0');
  });

  it('a job is a customer with ParentRef and FullName Parent:Job; the same job name under another customer is fine', () => {
    const rs = one(`<CustomerAddRq><CustomerAdd><Name>Phase 2</Name><ParentRef><FullName>Harbor Point Builders</FullName></ParentRef><JobStatus>Awarded</JobStatus></CustomerAdd></CustomerAddRq>`);
    const ret = child(rs, 'CustomerRet') as XmlNode;
    expect(textOf(ret, 'FullName')).toBe('Harbor Point Builders:Phase 2');
    expect(textOf(ret, 'Sublevel')).toBe('1');
    expect(one(`<CustomerAddRq><CustomerAdd><Name>Phase 2</Name><ParentRef><FullName>Harbor Point Builders</FullName></ParentRef></CustomerAdd></CustomerAddRq>`).attrs['statusCode']).toBe('3100');
    expect(one(`<CustomerAddRq><CustomerAdd><Name>Phase 2</Name><ParentRef><FullName>Apex Controls Co</FullName></ParentRef></CustomerAdd></CustomerAddRq>`).attrs['statusCode']).toBe('0');
  });

  it('3140 for a ParentRef that does not exist; 3070 for a name over 41 characters', () => {
    expect(one(`<CustomerAddRq><CustomerAdd><Name>J</Name><ParentRef><FullName>Nobody</FullName></ParentRef></CustomerAdd></CustomerAddRq>`).attrs['statusCode']).toBe('3140');
    expect(one(vendorAdd('x'.repeat(42))).attrs['statusCode']).toBe('3070');
    expect(one(vendorAdd('x'.repeat(41))).attrs['statusCode']).toBe('0');
  });

  it('Mod needs the current EditSequence: 3200 when stale, a new one after each change, 3120 for an unknown ListID', () => {
    const ret = child(one(vendorAdd('Granite Rebar')), 'VendorRet') as XmlNode;
    const listId = textOf(ret, 'ListID') as string;
    const first = textOf(ret, 'EditSequence') as string;
    const mod = (seq: string, phone: string) =>
      one(`<VendorModRq><VendorMod><ListID>${listId}</ListID><EditSequence>${seq}</EditSequence><Phone>${phone}</Phone></VendorMod></VendorModRq>`);
    const changed = mod(first, '555-0100');
    expect(changed.attrs['statusCode']).toBe('0');
    const second = textOf(child(changed, 'VendorRet') as XmlNode, 'EditSequence') as string;
    expect(second).not.toBe(first);
    expect(textOf(child(changed, 'VendorRet') as XmlNode, 'Phone')).toBe('555-0100');
    expect(mod(first, '555-0199').attrs).toMatchObject({ statusCode: '3200', statusMessage: `The provided edit sequence "${first}" is out-of-date.` });
    company.touchList(company.listById(listId) as never);
    expect(mod(second, '555-0199').attrs['statusCode']).toBe('3200');
    expect(one(`<VendorModRq><VendorMod><ListID>80000999-1</ListID><EditSequence>1</EditSequence></VendorMod></VendorModRq>`).attrs['statusCode']).toBe('3120');
  });
});

describe('queries', () => {
  it('1 when a filter matches nothing; 500 when a ListID or FullName is not found, with what was found', () => {
    const none = one('<VendorQueryRq><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>Zed</Name></NameFilter></VendorQueryRq>');
    expect(none.attrs).toMatchObject({ statusCode: '1', statusSeverity: 'Info', retCount: '0' });
    const partial = one('<VendorQueryRq><FullName>Summit Insulation Inc</FullName><FullName>Nobody LLC</FullName></VendorQueryRq>');
    expect(partial.attrs).toMatchObject({ statusCode: '500', statusSeverity: 'Warn', retCount: '1' });
    expect(partial.attrs['statusMessage']).toContain('Nobody LLC');
  });

  it('filters by name, active status and modified date; IncludeRetElement trims the Ret', () => {
    clock = new Date('2026-03-05T00:00:00Z');
    one(vendorAdd('Late Vendor'));
    const rs = one('<VendorQueryRq><FromModifiedDate>2026-03-04T00:00:00</FromModifiedDate><IncludeRetElement>Name</IncludeRetElement></VendorQueryRq>');
    expect(rs.children.map((r) => r.children.map((c) => `${c.name}=${c.text}`))).toEqual([['Name=Late Vendor']]);
    const contains = one('<CustomerQueryRq><NameFilter><MatchCriterion>Contains</MatchCriterion><Name>riverside</Name></NameFilter></CustomerQueryRq>');
    expect(contains.children.map((r) => textOf(r, 'FullName'))).toEqual([JOB]);
  });

  it('iterators hand out pages with iteratorRemainingCount and only within their session', () => {
    for (const n of [1, 2, 3, 4]) one(vendorAdd(`Iter Vendor ${n}`));
    const start = one('<VendorQueryRq requestID="i" iterator="Start"><MaxReturned>3</MaxReturned><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>Iter</Name></NameFilter></VendorQueryRq>');
    expect(start.attrs).toMatchObject({ statusCode: '0', retCount: '3', iteratorRemainingCount: '1' });
    const iteratorId = start.attrs['iteratorID'] as string;
    expect(iteratorId).toMatch(/^\{[0-9a-f-]{36}\}$/);
    const cont = `<VendorQueryRq iterator="Continue" iteratorID="${iteratorId}"><MaxReturned>3</MaxReturned><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>Iter</Name></NameFilter></VendorQueryRq>`;
    const other = new QbxmlSession(company, 13);
    expect(one(cont, { on: other }).attrs['statusCode']).toBe('3120');
    const next = one(cont);
    expect(next.attrs).toMatchObject({ statusCode: '0', retCount: '1', iteratorRemainingCount: '0', iteratorID: iteratorId });
    expect(next.children.map((r) => textOf(r, 'Name'))).toEqual(['Iter Vendor 4']);
    expect(one(cont).attrs['statusCode']).toBe('3120');
    expect(parseError('<VendorQueryRq iterator="Continue"><MaxReturned>3</MaxReturned></VendorQueryRq>').kind).toBe('parse-error');
  });
});

describe('transactions', () => {
  it('a bill with expense and item lines: refs resolved to ListID + FullName, amounts in cents, Quantity × Cost', () => {
    const item = '<ItemLineAdd><ItemRef><FullName>HVAC Labor</FullName></ItemRef><Desc>pads</Desc><Quantity>7.5</Quantity><Cost>48.00</Cost><CustomerRef><FullName>' + JOB + '</FullName></CustomerRef></ItemLineAdd>';
    const rs = one(billAdd('INV-1', expenseLine('18500.00') + item));
    expect(rs.attrs['statusCode']).toBe('0');
    const ret = child(rs, 'BillRet') as XmlNode;
    expect(textOf(ret, 'AmountDue')).toBe('18860.00');
    expect(textOf(ret, 'OpenAmount')).toBe('18860.00');
    expect(textOf(ret, 'IsPaid')).toBe('false');
    const expense = child(ret, 'ExpenseLineRet') as XmlNode;
    expect(textOf(expense, 'TxnLineID')).toMatch(/^[0-9A-F]+-\d+$/);
    expect(textOf(child(expense, 'CustomerRef') as XmlNode, 'FullName')).toBe(JOB);
    expect(textOf(child(expense, 'AccountRef') as XmlNode, 'ListID')).toBe(company.listByFullName(['Account'], 'Job Costs:Subcontractors')?.listId);
    expect(textOf(child(ret, 'ItemLineRet') as XmlNode, 'Amount')).toBe('360.00');
  });

  it('3140 for a reference to an account, class, job or vendor that does not exist', () => {
    expect(one(billAdd('R1', expenseLine('1.00', 'Job Costs:Nope'))).attrs['statusCode']).toBe('3140');
    expect(one(billAdd('R2', expenseLine('1.00'), 'Unknown Vendor')).attrs['statusMessage']).toContain('Unknown Vendor');
    // A customer is not a vendor, even though the name exists.
    expect(one(billAdd('R3', expenseLine('1.00'), 'Apex Controls Co')).attrs['statusCode']).toBe('3140');
    expect(company.txnsOf('Bill')).toHaveLength(0);
  });

  it('3020 for an amount that is not a two-place decimal; 3070 for a RefNumber over 20 characters', () => {
    expect(one(billAdd('R1', expenseLine('12.345'))).attrs['statusCode']).toBe('3020');
    expect(one(billAdd('R1', expenseLine('1,200.00'))).attrs['statusCode']).toBe('3020');
    expect(one(billAdd('x'.repeat(21), expenseLine('1.00'))).attrs['statusCode']).toBe('3070');
  });

  it('stopOnError leaves later requests unrun and unanswered; continueOnError runs them all', () => {
    const body = `${billAdd('S1', expenseLine('1.00'), 'Nobody', 'b1')}${vendorAdd('After The Error', 'v2')}`;
    expect(run(body).map((r) => `${r.attrs['requestID']}:${r.attrs['statusCode']}`)).toEqual(['b1:3140']);
    expect(company.listByFullName(['Vendor'], 'After The Error')).toBeUndefined();
    expect(run(body, { onError: 'continueOnError' }).map((r) => `${r.attrs['requestID']}:${r.attrs['statusCode']}`)).toEqual(['b1:3140', 'v2:0']);
  });

  it('BillMod with a stale EditSequence is 3200; with the current one it replaces the lines and the total', () => {
    const ret = child(one(billAdd('M1', expenseLine('100.00'))), 'BillRet') as XmlNode;
    const txnId = textOf(ret, 'TxnID') as string;
    const lineId = textOf(child(ret, 'ExpenseLineRet') as XmlNode, 'TxnLineID') as string;
    const mod = (seq: string) => one(`<BillModRq><BillMod><TxnID>${txnId}</TxnID><EditSequence>${seq}</EditSequence><Memo>changed</Memo>`
      + `<ExpenseLineMod><TxnLineID>${lineId}</TxnLineID><Amount>80.00</Amount></ExpenseLineMod>`
      + `<ExpenseLineMod><TxnLineID>-1</TxnLineID><AccountRef><FullName>Job Costs:Job Materials</FullName></AccountRef><Amount>5.25</Amount></ExpenseLineMod></BillMod></BillModRq>`);
    company.touchTxn(company.txnById(txnId) as never);
    expect(mod(textOf(ret, 'EditSequence') as string).attrs['statusCode']).toBe('3200');
    const changed = child(mod(company.txnById(txnId)?.editSequence as string), 'BillRet') as XmlNode;
    expect(textOf(changed, 'AmountDue')).toBe('85.25');
    expect(textOf(changed, 'Memo')).toBe('changed');
    expect(changed.children.filter((c) => c.name === 'ExpenseLineRet').map((l) => textOf(l, 'TxnLineID') === lineId)).toEqual([true, false]);
  });

  it('a bill payment pays down the bill; paying more than is open is 3210; an unknown bill is 3120', () => {
    const bill = child(one(billAdd('P1', expenseLine('1000.00'))), 'BillRet') as XmlNode;
    const txnId = textOf(bill, 'TxnID') as string;
    const pay = (target: string, amount: string) => one(`<BillPaymentCheckAddRq><BillPaymentCheckAdd><PayeeEntityRef><FullName>Northwind Sheet Metal LLC</FullName></PayeeEntityRef>`
      + `<TxnDate>2026-03-20</TxnDate><BankAccountRef><FullName>Checking</FullName></BankAccountRef><RefNumber>1001</RefNumber>`
      + `<AppliedToTxnAdd><TxnID>${target}</TxnID><PaymentAmount>${amount}</PaymentAmount></AppliedToTxnAdd></BillPaymentCheckAdd></BillPaymentCheckAddRq>`);
    expect(pay(txnId, '1000.01').attrs).toMatchObject({ statusCode: '3210', statusSeverity: 'Error' });
    expect(pay('1234-999', '1.00').attrs['statusCode']).toBe('3120');
    const paid = pay(txnId, '400.00');
    expect(textOf(child(paid, 'BillPaymentCheckRet') as XmlNode, 'Amount')).toBe('400.00');
    const after = child(one(`<BillQueryRq><TxnID>${txnId}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></BillQueryRq>`), 'BillRet') as XmlNode;
    expect(textOf(after, 'OpenAmount')).toBe('600.00');
    expect(textOf(child(after, 'LinkedTxn') as XmlNode, 'TxnType')).toBe('BillPaymentCheck');
    expect(one('<BillQueryRq><PaidStatus>NotPaidOnly</PaidStatus></BillQueryRq>').attrs['retCount']).toBe('1');
    pay(txnId, '600.00');
    expect(one('<BillQueryRq><PaidStatus>NotPaidOnly</PaidStatus></BillQueryRq>').attrs['statusCode']).toBe('1');
  });

  it('an invoice with a negative retainage line, a received payment against it, found by RefNumber and job', () => {
    const inv = one(`<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>${JOB}</FullName></CustomerRef><TxnDate>2026-03-31</TxnDate><RefNumber>PA-3</RefNumber>`
      + '<InvoiceLineAdd><ItemRef><FullName>Progress Billing</FullName></ItemRef><Quantity>1</Quantity><Rate>42000.00</Rate></InvoiceLineAdd>'
      + '<InvoiceLineAdd><ItemRef><FullName>Retainage</FullName></ItemRef><Amount>-4200.00</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>');
    const txnId = textOf(child(inv, 'InvoiceRet') as XmlNode, 'TxnID') as string;
    expect(textOf(child(inv, 'InvoiceRet') as XmlNode, 'BalanceRemaining')).toBe('37800.00');
    one(`<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>${JOB}</FullName></CustomerRef><TxnDate>2026-04-10</TxnDate><TotalAmount>37800.00</TotalAmount>`
      + `<AppliedToTxnAdd><TxnID>${txnId}</TxnID><PaymentAmount>37800.00</PaymentAmount></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>`);
    const found = one(`<InvoiceQueryRq><EntityFilter><FullNameWithChildren>Harbor Point Builders</FullNameWithChildren></EntityFilter><RefNumberFilter><MatchCriterion>StartsWith</MatchCriterion><RefNumber>PA</RefNumber></RefNumberFilter></InvoiceQueryRq>`);
    expect(found.attrs['retCount']).toBe('1');
    expect(textOf(child(found, 'InvoiceRet') as XmlNode, 'IsPaid')).toBe('true');
    // Lines only come back when asked for.
    expect(child(child(found, 'InvoiceRet') as XmlNode, 'InvoiceLineRet')).toBeUndefined();
  });

  it('InvoiceMod re-prices a line with the current EditSequence and refuses a total below what was received', () => {
    const inv = child(one(`<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>${JOB}</FullName></CustomerRef><RefNumber>PA-4</RefNumber>`
      + '<InvoiceLineAdd><ItemRef><FullName>Progress Billing</FullName></ItemRef><Amount>1000.00</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>'), 'InvoiceRet') as XmlNode;
    const txnId = textOf(inv, 'TxnID') as string;
    const lineId = textOf(child(inv, 'InvoiceLineRet') as XmlNode, 'TxnLineID') as string;
    const mod = (amount: string) => one(`<InvoiceModRq><InvoiceMod><TxnID>${txnId}</TxnID><EditSequence>${company.txnById(txnId)?.editSequence ?? ''}</EditSequence>`
      + `<InvoiceLineMod><TxnLineID>${lineId}</TxnLineID><Amount>${amount}</Amount></InvoiceLineMod></InvoiceMod></InvoiceModRq>`);
    expect(textOf(child(mod('1200.00'), 'InvoiceRet') as XmlNode, 'BalanceRemaining')).toBe('1200.00');
    one(`<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>${JOB}</FullName></CustomerRef><TotalAmount>1100.00</TotalAmount><IsAutoApply>true</IsAutoApply></ReceivePaymentAdd></ReceivePaymentAddRq>`);
    expect(company.txnById(txnId)?.applied).toBe(110000n);
    expect(mod('1000.00').attrs['statusCode']).toBe('3210');
    expect(one(`<InvoiceModRq><InvoiceMod><TxnID>${txnId}</TxnID><EditSequence>1</EditSequence><Memo>x</Memo></InvoiceMod></InvoiceModRq>`).attrs['statusCode']).toBe('3200');
  });

  it('TxnDel refuses a paid bill, deletes its payment first, and TxnDeletedQuery lists what was deleted', () => {
    const bill = child(one(billAdd('D1', expenseLine('50.00'))), 'BillRet') as XmlNode;
    const billId = textOf(bill, 'TxnID') as string;
    const payment = child(one(`<BillPaymentCheckAddRq><BillPaymentCheckAdd><PayeeEntityRef><FullName>Northwind Sheet Metal LLC</FullName></PayeeEntityRef>`
      + `<BankAccountRef><FullName>Checking</FullName></BankAccountRef><AppliedToTxnAdd><TxnID>${billId}</TxnID><PaymentAmount>50.00</PaymentAmount></AppliedToTxnAdd>`
      + '</BillPaymentCheckAdd></BillPaymentCheckAddRq>'), 'BillPaymentCheckRet') as XmlNode;
    const del = (type: string, txnId: string) => one(`<TxnDelRq><TxnDelType>${type}</TxnDelType><TxnID>${txnId}</TxnID></TxnDelRq>`);
    expect(del('Bill', billId).attrs['statusCode']).toBe('3210');
    expect(del('Invoice', billId).attrs['statusCode']).toBe('3120');
    expect(del('BillPaymentCheck', textOf(payment, 'TxnID') as string).attrs['statusCode']).toBe('0');
    expect(company.txnById(billId)?.applied).toBe(0n);
    clock = new Date('2026-03-09T00:00:00Z');
    expect(textOf(del('Bill', billId), 'TimeDeleted')).toBe('2026-03-09T00:00:00+00:00');
    const deleted = one('<TxnDeletedQueryRq><TxnDelType>Bill</TxnDelType><DeletedDateRangeFilter><FromDeletedDate>2026-03-08T00:00:00</FromDeletedDate></DeletedDateRangeFilter></TxnDeletedQueryRq>');
    expect(deleted.children.map((r) => [textOf(r, 'TxnID'), textOf(r, 'RefNumber')])).toEqual([[billId, 'D1']]);
    expect(one('<TxnDeletedQueryRq><TxnDelType>Invoice</TxnDelType></TxnDeletedQueryRq>').attrs['statusCode']).toBe('1');
    expect(one(`<BillQueryRq><TxnID>${billId}</TxnID></BillQueryRq>`).attrs['statusCode']).toBe('500');
  });

  it('voids a bill or invoice at zero (TxnVoid), refuses one with payments applied (3210) and types QuickBooks does not void (parse error)', () => {
    const bill = child(one(billAdd('V1', expenseLine('80.00'))), 'BillRet') as XmlNode;
    const billId = textOf(bill, 'TxnID') as string;
    const voided = (type: string, txnId: string) => one(`<TxnVoidRq><TxnVoidType>${type}</TxnVoidType><TxnID>${txnId}</TxnID></TxnVoidRq>`);
    expect(voided('Invoice', billId).attrs['statusCode']).toBe('3120');
    expect(voided('Bill', billId).attrs['statusCode']).toBe('0');
    const after = child(one(`<BillQueryRq><TxnID>${billId}</TxnID><IncludeLineItems>true</IncludeLineItems></BillQueryRq>`), 'BillRet') as XmlNode;
    expect([textOf(after, 'AmountDue'), textOf(child(after, 'ExpenseLineRet') as XmlNode, 'Amount')]).toEqual(['0.00', '0.00']);
    const paid = textOf(child(one(billAdd('V2', expenseLine('50.00'))), 'BillRet') as XmlNode, 'TxnID') as string;
    one(`<BillPaymentCheckAddRq><BillPaymentCheckAdd><PayeeEntityRef><FullName>Northwind Sheet Metal LLC</FullName></PayeeEntityRef>`
      + `<BankAccountRef><FullName>Checking</FullName></BankAccountRef><AppliedToTxnAdd><TxnID>${paid}</TxnID><PaymentAmount>50.00</PaymentAmount></AppliedToTxnAdd>`
      + '</BillPaymentCheckAdd></BillPaymentCheckAddRq>');
    expect(voided('Bill', paid).attrs['statusCode']).toBe('3210');
    expect(parseError(`<TxnVoidRq><TxnVoidType>Estimate</TxnVoidType><TxnID>${billId}</TxnID></TxnVoidRq>`).kind).toBe('parse-error');
  });

  it('modifies time at its EditSequence (TimeTrackingMod, EntityRef and Duration required, 3200 when stale)', () => {
    const added = child(one('<TimeTrackingAddRq><TimeTrackingAdd><TxnDate>2026-03-12</TxnDate><EntityRef><FullName>Dana Ortiz</FullName></EntityRef>'
      + `<CustomerRef><FullName>${JOB}</FullName></CustomerRef><Duration>PT7H30M</Duration><Notes>trestle:t1</Notes></TimeTrackingAdd></TimeTrackingAddRq>`), 'TimeTrackingRet') as XmlNode;
    const mod = (editSequence: string, body: string) => one(`<TimeTrackingModRq><TimeTrackingMod><TxnID>${textOf(added, 'TxnID') ?? ''}</TxnID><EditSequence>${editSequence}</EditSequence>${body}</TimeTrackingMod></TimeTrackingModRq>`);
    expect(parseError(`<TimeTrackingModRq><TimeTrackingMod><TxnID>${textOf(added, 'TxnID') ?? ''}</TxnID><EditSequence>1</EditSequence><Duration>PT8H0M</Duration></TimeTrackingMod></TimeTrackingModRq>`).kind).toBe('parse-error');
    const body = '<EntityRef><FullName>Dana Ortiz</FullName></EntityRef><Duration>PT8H0M</Duration><Notes>trestle:t2</Notes>';
    expect(mod('stale', body).attrs['statusCode']).toBe('3200');
    const changed = child(mod(textOf(added, 'EditSequence') ?? '', body), 'TimeTrackingRet') as XmlNode;
    expect([textOf(changed, 'Duration'), textOf(changed, 'Notes')]).toEqual(['PT8H0M', 'trestle:t2']);
  });

  it('3070 for a reference FullName over 159 characters', () => {
    expect(one(billAdd('F1', expenseLine('1.00', 'x'.repeat(160)))).attrs['statusCode']).toBe('3070');
  });

  it('a bill linked to a purchase order of another vendor is refused; time tracking needs a valid duration', () => {
    const po = one(`<PurchaseOrderAddRq><PurchaseOrderAdd><VendorRef><FullName>Summit Insulation Inc</FullName></VendorRef><RefNumber>PO-1</RefNumber>`
      + `<PurchaseOrderLineAdd><ItemRef><FullName>Ductwork Subcontract</FullName></ItemRef><Amount>5000.00</Amount><CustomerRef><FullName>${JOB}</FullName></CustomerRef></PurchaseOrderLineAdd></PurchaseOrderAdd></PurchaseOrderAddRq>`);
    const poId = textOf(child(po, 'PurchaseOrderRet') as XmlNode, 'TxnID') as string;
    const linked = (vendor: string) => one(`<BillAddRq><BillAdd><VendorRef><FullName>${vendor}</FullName></VendorRef><RefNumber>L1</RefNumber><LinkToTxnID>${poId}</LinkToTxnID>${expenseLine('10.00')}</BillAdd></BillAddRq>`);
    expect(linked('Northwind Sheet Metal LLC').attrs['statusCode']).toBe('3210');
    expect(linked('Summit Insulation Inc').attrs['statusCode']).toBe('0');
    const lineLink = (txnId: string) => one(`<BillAddRq><BillAdd><VendorRef><FullName>Summit Insulation Inc</FullName></VendorRef><RefNumber>L2</RefNumber>`
      + `<ItemLineAdd><ItemRef><FullName>Ductwork Subcontract</FullName></ItemRef><Amount>10.00</Amount><LinkToTxn><TxnID>${txnId}</TxnID><TxnLineID>1-1</TxnLineID></LinkToTxn></ItemLineAdd></BillAdd></BillAddRq>`);
    expect(lineLink('999-1').attrs['statusCode']).toBe('3120');
    expect(lineLink(poId).attrs['statusCode']).toBe('0');
    const time = (duration: string) => one(`<TimeTrackingAddRq><TimeTrackingAdd><TxnDate>2026-03-02</TxnDate><EntityRef><FullName>Dana Ortiz</FullName></EntityRef>`
      + `<CustomerRef><FullName>${JOB}</FullName></CustomerRef><ItemServiceRef><FullName>HVAC Labor</FullName></ItemServiceRef><Duration>${duration}</Duration></TimeTrackingAdd></TimeTrackingAddRq>`);
    expect(time('8 hours').attrs['statusCode']).toBe('3020');
    expect(time('PT7H30M').attrs['statusCode']).toBe('0');
  });
});
