import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { billPosting, MARKER } from '../../../../test/qbd/fixtures.js';
import { buildRequestDocument, parseResponseDocument, QbxmlParseError, qbxmlVersion } from './qbxml-document.js';
import { probeResult } from './probe-match.js';
import { jobOperation, vendorDocumentOperation, vendorOperation } from './requests.js';
import { el, ref } from './qbxml-node.js';

const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false });
const childNames = (nodes: Array<Record<string, unknown>>): string[] => nodes.flatMap((n) => Object.keys(n).filter((k) => k !== ':@'));
const child = (nodes: Array<Record<string, unknown>>, name: string) => nodes.find((n) => name in n)![name] as Array<Record<string, unknown>>;

describe('qbXML requests', () => {
  it('writes a BillAdd in the schema order, expense lines before item lines, with the marker in an escaped Memo', () => {
    const xml = buildRequestDocument('13.0', [vendorDocumentOperation(billPosting()).write]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">')).toBe(true);
    expect(xml).toContain('<Memo>trestle:acme-qbd:procore.subcontractor_invoice-88412:1 Procore commitment SC-012, pay app #3 &amp; &lt;retainage&gt;</Memo>');
    const doc = ordered.parse(xml) as Array<Record<string, unknown>>;
    const billAdd = child(child(child(child(doc, 'QBXML'), 'QBXMLMsgsRq'), 'BillAddRq'), 'BillAdd');
    expect(childNames(billAdd)).toEqual(['VendorRef', 'TxnDate', 'DueDate', 'RefNumber', 'Memo', 'ExpenseLineAdd', 'ItemLineAdd']);
    expect(childNames(child(billAdd, 'ExpenseLineAdd'))).toEqual(['AccountRef', 'Amount', 'Memo', 'CustomerRef', 'ClassRef', 'BillableStatus']);
    expect(childNames(child(billAdd, 'ItemLineAdd'))).toEqual(['ItemRef', 'Desc', 'Quantity', 'Cost', 'Amount', 'CustomerRef', 'ClassRef', 'BillableStatus']);
    expect(xml).toContain('<VendorRef><ListID>80000012-1712345678</ListID></VendorRef>');
    expect(xml).toContain('<AccountRef><FullName>Job Expenses:Subcontractors</FullName></AccountRef><Amount>18500.00</Amount>');
  });

  it('writes a vendor credit without a due date and finds a bill with no number by vendor and date', () => {
    const credit = vendorDocumentOperation(billPosting({ kind: 'vendor-credit', dueDate: null }));
    expect(buildRequestDocument('13.0', [credit.write])).toMatch(/<VendorCreditAddRq><VendorCreditAdd><VendorRef>.*<TxnDate>2026-03-14<\/TxnDate><RefNumber>/);
    const unnumbered = vendorDocumentOperation(billPosting({ number: '' }));
    expect(buildRequestDocument('13.0', [unnumbered.probe])).toContain(
      '<BillQueryRq><TxnDateRangeFilter><FromTxnDate>2026-03-14</FromTxnDate><ToTxnDate>2026-03-14</ToTxnDate></TxnDateRangeFilter><EntityFilter><ListID>80000012-1712345678</ListID></EntityFilter></BillQueryRq>',
    );
  });

  it('creates a job as a sub-customer of its parent (probed with ActiveStatus before NameFilter, the schema\'s order), and vendors by name (41 characters at most)', () => {
    expect(buildRequestDocument('13.0', [jobOperation({ value: 'Smith, John' }, 'Kitchen Remodel').write]))
      .toContain('<CustomerAdd><Name>Kitchen Remodel</Name><IsActive>true</IsActive><ParentRef><FullName>Smith, John</FullName></ParentRef></CustomerAdd>');
    expect(buildRequestDocument('13.0', [jobOperation({ value: 'Smith, John' }, 'Kitchen Remodel').probe])).toContain(
      '<CustomerQueryRq><ActiveStatus>All</ActiveStatus><NameFilter><MatchCriterion>EndsWith</MatchCriterion><Name>Kitchen Remodel</Name></NameFilter></CustomerQueryRq>',
    );
    expect(vendorOperation('x'.repeat(50)).match).toEqual({ by: 'name', name: 'x'.repeat(41) });
  });

  it('never sends a higher qbXML version than QuickBooks reported', () => {
    expect(qbxmlVersion(16, 0)).toBe('13.0');
    expect(qbxmlVersion(8, 1)).toBe('8.1');
    expect(qbxmlVersion(undefined)).toBe('13.0');
  });
});

describe('a …Ref from a mapping value', () => {
  const refXml = (value: string): string => buildRequestDocument('13.0', [el('BillAddRq', [ref('AccountRef', { value })])]);

  it('sends a ListID (hex, dash, creation time in seconds) as <ListID>', () => {
    for (const listId of ['80000012-1712345678', '10000-933270541', '1a-1712345678']) {
      expect(refXml(listId)).toContain(`<AccountRef><ListID>${listId}</ListID></AccountRef>`);
    }
  });

  it('sends anything else as <FullName>, names with dashes, digits, spaces and colons included', () => {
    for (const fullName of ['Job Costs:Subcontractors', '23 HVAC', '06-100', '2026-014', 'Harbor Point Builders:2026-014 Riverside Medical Office', '80000012-17']) {
      expect(refXml(fullName)).toContain(`<AccountRef><FullName>${fullName}</FullName></AccountRef>`);
    }
    expect(refXml('Smith & Sons:Kitchen')).toContain('<FullName>Smith &amp; Sons:Kitchen</FullName>');
  });
});

describe('qbXML responses', () => {
  it('reads each …Rs with its status (qbd §6 error example)', () => {
    const responses = parseResponseDocument(`<QBXML><QBXMLMsgsRs>
      <VendorAddRs requestID="v-88" statusCode="3100" statusSeverity="Error" statusMessage="The name &quot;Smith, John&quot; of the list element is already in use." />
      <BillAddRs requestID="bill-7f3a" statusCode="3180" statusSeverity="Error" statusMessage="There was an error when saving a Bill." />
    </QBXMLMsgsRs></QBXML>`);
    expect(responses.map((r) => [r.name, r.requestId, r.statusCode, r.rets.length])).toEqual([['VendorAddRs', 'v-88', 3100, 0], ['BillAddRs', 'bill-7f3a', 3180, 0]]);
    expect(responses[0]!.statusMessage).toBe('The name "Smith, John" of the list element is already in use.');
  });

  it('reads rets and the iterator (qbd §5.3 example) and matches a probe by name, marker or parent', () => {
    const [vendors] = parseResponseDocument(`<QBXML><QBXMLMsgsRs><VendorQueryRs requestID="vq-1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"
      retCount="1" iteratorRemainingCount="0" iteratorID="{a1b2}"><VendorRet><ListID>80000012-1712345678</ListID><EditSequence>1712345678</EditSequence>
      <Name>Rocky Mountain Framing LLC</Name><IsActive>true</IsActive></VendorRet></VendorQueryRs></QBXMLMsgsRs></QBXML>`);
    expect(vendors).toMatchObject({ iteratorId: '{a1b2}', iteratorRemainingCount: 0 });
    expect(probeResult({ by: 'name', name: 'rocky mountain framing llc' }, vendors!)).toEqual({ found: vendors!.rets[0] });
    expect(probeResult({ by: 'name', name: 'Other' }, vendors!)).toEqual({ found: null });
    const [bills] = parseResponseDocument(`<QBXML><QBXMLMsgsRs><BillQueryRs requestID="b" statusCode="0" statusSeverity="Info" statusMessage="OK">
      <BillRet><TxnID>1</TxnID><Memo>someone else's</Memo></BillRet><BillRet><TxnID>2</TxnID><Memo>${MARKER} text</Memo></BillRet></BillQueryRs></QBXMLMsgsRs></QBXML>`);
    expect(probeResult({ by: 'memo-marker', marker: MARKER }, bills!)).toEqual({ found: { TxnID: '2', Memo: `${MARKER} text` } });
    const [jobs] = parseResponseDocument(`<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="c" statusCode="0" statusSeverity="Info" statusMessage="OK">
      <CustomerRet><ListID>8-1</ListID><Name>Kitchen Remodel</Name><ParentRef><ListID>7-1</ListID><FullName>Jones</FullName></ParentRef></CustomerRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>`);
    expect(probeResult({ by: 'job', name: 'Kitchen Remodel', parent: 'Smith, John' }, jobs!)).toEqual({ found: null });
    expect(probeResult({ by: 'job', name: 'Kitchen Remodel', parent: '7-1' }, jobs!)).toMatchObject({ found: { ListID: '8-1' } });
  });

  it('treats "no match" as empty and other failures as the probe failing', () => {
    const [none] = parseResponseDocument('<QBXML><QBXMLMsgsRs><BillQueryRs requestID="b" statusCode="1" statusSeverity="Info" statusMessage="none"/></QBXMLMsgsRs></QBXML>');
    expect(probeResult({ by: 'memo-marker', marker: MARKER }, none!)).toEqual({ found: null });
    const [locked] = parseResponseDocument('<QBXML><QBXMLMsgsRs><BillQueryRs requestID="b" statusCode="3180" statusSeverity="Error" statusMessage="locked"/></QBXMLMsgsRs></QBXML>');
    expect(probeResult({ by: 'memo-marker', marker: MARKER }, locked!)).toEqual({ error: locked });
  });

  it('refuses what is not a qbXML response', () => {
    expect(() => parseResponseDocument('<QBXML><QBXMLMsgsRs><BillAddRs')).toThrow(QbxmlParseError);
    expect(() => parseResponseDocument('<html><body>proxy error</body></html>')).toThrow(/no QBXML\/QBXMLMsgsRs/);
    expect(() => parseResponseDocument('<QBXML><QBXMLMsgsRs><BillAddRs requestID="1" statusCode="x"/></QBXMLMsgsRs></QBXML>')).toThrow(/statusCode/);
  });
});
