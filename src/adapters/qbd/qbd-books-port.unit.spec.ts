import { beforeEach, describe, expect, it } from 'vitest';
import { billAddResponse, billPosting, xmlEscape } from '../../../test/qbd/fixtures.js';
import { memoryQueueStore } from '../../../test/qbd/memory-queue-store.js';
import { runSession } from '../../../test/qbd/web-connector-session.js';
import type { BooksCall } from '../../domain/books/index.js';
import { cents } from '../../domain/shared/money.js';
import { hashPassword } from '../../platform/config/password-hash.js';
import { QbdBooksPort } from './qbd-books-port.js';
import { QbdQueue } from './queue/qbd-queue.js';
import { WebConnectorService } from './web-connector/web-connector.service.js';

const CONNECTION = 'acme-qbd';
const settings = [{ connection: CONNECTION, userName: 'u', passwordHash: hashPassword('p'), companyFile: '' }];
const call = (key: string): BooksCall => ({ connection: CONNECTION, idempotencyKey: key, signal: new AbortController().signal });

describe('the QuickBooks Desktop books port', () => {
  let queue: QbdQueue;
  let port: QbdBooksPort;
  let qbwc: WebConnectorService;

  const session = (answer: (request: string) => string) => runSession(qbwc, answer);

  beforeEach(() => {
    queue = new QbdQueue(memoryQueueStore());
    port = new QbdBooksPort({ queue, now: () => '2026-03-15T09:00:00.000Z', waitMs: 0, recheckMs: 30_000 });
    qbwc = new WebConnectorService(queue, () => settings);
  });

  it('queues once per idempotency key and answers "throttled" until a session has run it', async () => {
    expect(await port.post(call('k1'), billPosting())).toMatchObject({ ok: false, kind: 'throttled', retryAfterMs: 30_000, code: 'QBD_QUEUED' });
    await port.post(call('k1'), billPosting());
    const requests = await session(() => billAddResponse('k1', xmlEscape(billPosting().note.text), 'TXN-1'));
    expect(requests).toHaveLength(1);
    expect(await port.post(call('k1'), billPosting())).toEqual({ ok: true, value: { id: 'TXN-1', version: '1712345999', number: 'INV-10442' } });
    expect(await port.findPosted(call('k1'), billPosting())).toMatchObject({ ok: true, value: { id: 'TXN-1' } });
  });

  it('reports a refusal as permanent with QuickBooks\' status, and queues it again when asked after that (an operator retry)', async () => {
    await port.post(call('k2'), billPosting());
    const refusal = '<QBXML><QBXMLMsgsRs><BillAddRs requestID="k2" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Account"/></QBXMLMsgsRs></QBXML>';
    await session(() => refusal);
    expect(await port.post(call('k2'), billPosting())).toMatchObject({ ok: false, kind: 'permanent', code: '3140', message: expect.stringContaining('invalid reference') });
    expect(await port.post(call('k2'), billPosting())).toMatchObject({ ok: false, kind: 'throttled' });
    expect(await session(() => billAddResponse('k2', 'x', 'TXN-2'))).toHaveLength(1);
    expect(await port.post(call('k2'), billPosting())).toMatchObject({ ok: true, value: { id: 'TXN-2' } });
  });

  it('finds a vendor before creating one, and a lookup-only vendor that is absent is a refusal that names it', async () => {
    await port.resolveVendor(call('v1'), { vendorId: '1', displayName: 'Rocky Mountain Framing LLC', match: 'lookup-or-create' });
    const found = '<QBXML><QBXMLMsgsRs><VendorQueryRs requestID="v1" statusCode="0" statusSeverity="Info" statusMessage="OK"><VendorRet><ListID>80000012-1712345678</ListID><Name>Rocky Mountain Framing LLC</Name></VendorRet></VendorQueryRs></QBXMLMsgsRs></QBXML>';
    const requests = await session(() => found);
    expect(requests.map((r) => /<(\w+)Rq requestID/.exec(r)?.[1])).toEqual(['VendorQuery']);
    expect(await port.resolveVendor(call('v1'), { vendorId: '1', displayName: 'Rocky Mountain Framing LLC', match: 'lookup-or-create' }))
      .toEqual({ ok: true, value: { ref: { value: '80000012-1712345678', name: 'Rocky Mountain Framing LLC' }, created: false } });
    await port.resolveVendor(call('v2'), { vendorId: '2', displayName: 'Nobody', match: 'lookup-only' });
    await session(() => '<QBXML><QBXMLMsgsRs><VendorQueryRs requestID="v2" statusCode="500" statusSeverity="Warn" statusMessage="not found"/></QBXMLMsgsRs></QBXML>');
    expect(await port.resolveVendor(call('v2'), { vendorId: '2', displayName: 'Nobody', match: 'lookup-only' }))
      .toMatchObject({ ok: false, kind: 'permanent', code: 'QBD_VENDOR_NOT_FOUND' });
  });

  it('posts an owner invoice to the job with the retainage release as an item line, ', async () => {
    const invoice = {
      kind: 'sales-invoice', jobRef: { value: 'Smith, John:Kitchen Remodel' }, txnDate: '2026-03-31', number: 'PA-3-2210-EXTRA', customerMemo: '',
      note: { marker: 'trestle:m', text: 'trestle:m pay app 3' },
      lines: [
        { kind: 'item', description: 'Work completed this period', amount: cents(4200000), itemRef: { value: 'Contract Billing' }, qty: 1, unitPrice: cents(4200000), classRef: null, source: null },
        { kind: 'item', description: 'Retainage released', amount: cents(420000), itemRef: { value: 'Retainage' }, qty: 1, unitPrice: cents(420000), classRef: null, source: null },
        { kind: 'description', description: 'Thank you' },
      ],
    } as const;
    await port.post(call('i1'), invoice);
    const [request] = await session(() => '<QBXML><QBXMLMsgsRs><InvoiceAddRs requestID="i1" statusCode="0" statusSeverity="Info" statusMessage="OK"><InvoiceRet><TxnID>INV-1</TxnID><EditSequence>5</EditSequence></InvoiceRet></InvoiceAddRs></QBXMLMsgsRs></QBXML>');
    expect(request).toContain('<InvoiceAdd><CustomerRef><FullName>Smith, John:Kitchen Remodel</FullName></CustomerRef><TxnDate>2026-03-31</TxnDate><RefNumber>PA-3-2210-E</RefNumber><Memo>trestle:m pay app 3</Memo>');
    expect(request).toContain('<InvoiceLineAdd><ItemRef><FullName>Retainage</FullName></ItemRef><Desc>Retainage released</Desc><Quantity>1</Quantity><Rate>4200.00</Rate><Amount>4200.00</Amount></InvoiceLineAdd><InvoiceLineAdd><Desc>Thank you</Desc></InvoiceLineAdd>');
    expect(await port.post(call('i1'), invoice)).toEqual({ ok: true, value: { id: 'INV-1', version: '5' } });
    expect(port.target(CONNECTION)).toBe('qbd:acme-qbd');
  });

  it('gives a vendor whose name a customer holds (3100) the name with " (vendor)"', async () => {
    const query = { vendorId: '3', displayName: 'Smith, John', match: 'lookup-or-create' } as const;
    await port.resolveVendor(call('v3'), query);
    const answers = (request: string) => {
      const id = /requestID="([^"]+)"/.exec(request)![1]!;
      if (request.includes('<VendorQueryRq')) return `<QBXML><QBXMLMsgsRs><VendorQueryRs requestID="${id}" statusCode="1" statusSeverity="Info" statusMessage="none"/></QBXMLMsgsRs></QBXML>`;
      return request.includes('<Name>Smith, John</Name>')
        ? `<QBXML><QBXMLMsgsRs><VendorAddRs requestID="${id}" statusCode="3100" statusSeverity="Error" statusMessage="The name &quot;Smith, John&quot; of the list element is already in use."/></QBXMLMsgsRs></QBXML>`
        : `<QBXML><QBXMLMsgsRs><VendorAddRs requestID="${id}" statusCode="0" statusSeverity="Info" statusMessage="OK"><VendorRet><ListID>80000099-1712345678</ListID><Name>Smith, John (vendor)</Name></VendorRet></VendorAddRs></QBXMLMsgsRs></QBXML>`;
    };
    await session(answers);
    expect(await port.resolveVendor(call('v3'), query)).toMatchObject({ ok: false, kind: 'throttled' });
    await session(answers);
    expect(await port.resolveVendor(call('v3'), query)).toEqual({ ok: true, value: { ref: { value: '80000099-1712345678', name: 'Smith, John (vendor)' }, created: true } });
    expect(await port.findVendor(call('v3'), query)).toMatchObject({ ok: true, value: { ref: { value: '80000099-1712345678' } } });
  });

  it('finds or creates a job under its parent, and qualifies it with the parent\'s name when the name is taken (3100)', async () => {
    const query = { projectId: '7', parentRef: { value: '80000001-1712345678', name: 'Smith, John' }, jobName: 'Kitchen Remodel' };
    await port.resolveJob(call('j1'), query);
    const answers = (request: string) => {
      const id = /requestID="([^"]+)"/.exec(request)![1]!;
      if (request.includes('<CustomerQueryRq')) return `<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${id}" statusCode="1" statusSeverity="Info" statusMessage="none"/></QBXMLMsgsRs></QBXML>`;
      return request.includes('<Name>Kitchen Remodel</Name>')
        ? `<QBXML><QBXMLMsgsRs><CustomerAddRs requestID="${id}" statusCode="3100" statusSeverity="Error" statusMessage="in use"/></QBXMLMsgsRs></QBXML>`
        : `<QBXML><QBXMLMsgsRs><CustomerAddRs requestID="${id}" statusCode="0" statusSeverity="Info" statusMessage="OK"><CustomerRet><ListID>80000100-1712345678</ListID><Name>Kitchen Remodel (Smith, John)</Name><FullName>Smith, John:Kitchen Remodel (Smith, John)</FullName></CustomerRet></CustomerAddRs></QBXMLMsgsRs></QBXML>`;
    };
    const first = await session(answers);
    expect(first[1]).toContain('<ParentRef><ListID>80000001-1712345678</ListID></ParentRef>');
    await port.resolveJob(call('j1'), query);
    await session(answers);
    expect(await port.resolveJob(call('j1'), query)).toEqual({ ok: true, value: { ref: { value: '80000100-1712345678', name: 'Smith, John:Kitchen Remodel (Smith, John)' }, created: true } });
    expect(await port.findJob(call('j1'), query)).toMatchObject({ ok: true, value: { ref: { value: '80000100-1712345678' } } });
  });

  it('posts hours as TimeTracking with the marker in Notes, and finds them by it after a lost answer', async () => {
    const time = {
      kind: 'time-entry', employeeRef: { value: '80000007-1712345678', name: 'Dana Ortiz' }, txnDate: '2026-03-12', hours: 7, minutes: 30, jobRef: { value: 'Smith, John:Kitchen Remodel' },
      itemRef: { value: 'Framing Labor' }, costCode: '06-10-00', costType: 'L', classRef: null, billable: true, hourlyRate: '85.00', costRate: null, note: { marker: 'trestle:t', text: 'trestle:t timecard 991' },
    } as const;
    await port.post(call('t1'), time);
    const [ticket] = await qbwc.authenticate('u', 'p');
    const write = await qbwc.sendRequestXML(ticket, '', '', 'US', '13', '0');
    expect(write).toContain('<TimeTrackingAdd><TxnDate>2026-03-12</TxnDate><EntityRef><ListID>80000007-1712345678</ListID></EntityRef><CustomerRef><FullName>Smith, John:Kitchen Remodel</FullName></CustomerRef><ItemServiceRef><FullName>Framing Labor</FullName></ItemServiceRef><Duration>PT7H30M</Duration><Notes>trestle:t timecard 991</Notes><BillableStatus>Billable</BillableStatus>');
    const [next] = await qbwc.authenticate('u', 'p');
    expect(await qbwc.sendRequestXML(next, '', '', 'US', '13', '0')).toContain('<TimeTrackingEntityFilter><ListID>80000007-1712345678</ListID></TimeTrackingEntityFilter>');
    await qbwc.receiveResponseXML(next, '<QBXML><QBXMLMsgsRs><TimeTrackingQueryRs requestID="t1" statusCode="0" statusSeverity="Info" statusMessage="OK"><TimeTrackingRet><TxnID>TT-1</TxnID><EditSequence>3</EditSequence><Notes>trestle:t timecard 991</Notes></TimeTrackingRet></TimeTrackingQueryRs></QBXMLMsgsRs></QBXML>', '', '');
    expect(await port.post(call('t1'), time)).toEqual({ ok: true, value: { id: 'TT-1', version: '3' } });
  });
});
