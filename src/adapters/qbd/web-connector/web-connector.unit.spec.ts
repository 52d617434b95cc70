import { beforeEach, describe, expect, it } from 'vitest';
import { billAddResponse, billPosting, billQueryResponse, MARKER, xmlEscape } from '../../../../test/qbd/fixtures.js';
import { memoryQueueStore } from '../../../../test/qbd/memory-queue-store.js';
import { vendorDocumentModOperation, vendorDocumentOperation } from '../qbxml/requests.js';
import { QbdQueue } from '../queue/qbd-queue.js';
import { queueStream } from '../queue/queue-events.js';
import { hashPassword } from '../../../platform/config/password-hash.js';
import { qwcIds } from '../qwc/qwc-file.js';
import { WebConnectorService } from './web-connector.service.js';

const CONNECTION = 'acme-qbd';
const settings = [{ connection: CONNECTION, userName: 'acme-qbwc', passwordHash: hashPassword('s3cret-password'), companyFile: 'C:\\Company\\Acme.QBW' }];
const memo = xmlEscape(billPosting().note.text);

describe('Web Connector callbacks', () => {
  let store: ReturnType<typeof memoryQueueStore>;
  let queue: QbdQueue;
  let service: WebConnectorService;
  const types = () => store.events(queueStream(CONNECTION)).map((e) => e.type);

  beforeEach(() => {
    store = memoryQueueStore();
    queue = new QbdQueue(store);
    service = new WebConnectorService(queue, () => settings, () => '2026-03-15T10:00:00.000Z');
  });

  const queueBill = () => queue.enqueue(CONNECTION, 'req-1', vendorDocumentOperation(billPosting()), '2026-03-15T09:00:00.000Z');

  it('hands nothing to a company file stamped with another FileID under the connection\'s OwnerID (the first call\'s company answer)', async () => {
    await queueBill();
    const { ownerId, fileId } = qwcIds(CONNECTION);
    const hcp = (stamped: string) => `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><HostQueryRs requestID="0" statusCode="0" statusSeverity="Info" statusMessage="OK"><HostRet><ProductName>QuickBooks</ProductName></HostRet></HostQueryRs>`
      + `<CompanyQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="OK"><CompanyRet><CompanyName>Other Co</CompanyName>`
      + `<DataExtRet><OwnerID>${ownerId}</OwnerID><DataExtName>FileID</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>${stamped}</DataExtValue></DataExtRet>`
      + '</CompanyRet></CompanyQueryRs></QBXMLMsgsRs></QBXML>';
    const [wrong] = await service.authenticate('acme-qbwc', 's3cret-password');
    expect(await service.sendRequestXML(wrong, hcp('{00000000-0000-0000-0000-000000000000}'), '', 'US', '13', '0')).toBe('');
    expect(service.getLastError(wrong)).toMatch(/^FileID: The open company file "Other Co" carries FileID \{0{8}-/);
    expect(await service.sendRequestXML(wrong, '', '', 'US', '13', '0')).toBe('');
    expect(types()).toContain('QbdSessionFailed.v1');
    const [right] = await service.authenticate('acme-qbwc', 's3cret-password');
    expect(await service.sendRequestXML(right, hcp(fileId.toLowerCase()), '', 'US', '13', '0')).toContain('<BillAddRq requestID="req-1">');
  });

  it('answers the version calls and refuses a wrong password with "nvu"', async () => {
    expect(service.serverVersion()).toMatch(/Trestle/);
    expect(service.clientVersion('2.3.0.215')).toBe('');
    expect((await service.authenticate('acme-qbwc', 'wrong'))[1]).toBe('nvu');
    expect((await service.authenticate('someone', 's3cret-password'))[1]).toBe('nvu');
  });

  it('says "none" when nothing waits, and the company file when work does', async () => {
    expect((await service.authenticate('acme-qbwc', 's3cret-password'))[1]).toBe('none');
    await queueBill();
    const [ticket, file] = await service.authenticate('acme-qbwc', 's3cret-password');
    expect(file).toBe('C:\\Company\\Acme.QBW');
    expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hands out the queued bill, records the answer and reports 100 percent done', async () => {
    await queueBill();
    const [ticket] = await service.authenticate('acme-qbwc', 's3cret-password');
    const request = await service.sendRequestXML(ticket, '', '', 'US', '13', '0');
    expect(request).toContain('<?qbxml version="13.0"?>');
    expect(request).toContain('<BillAddRq requestID="req-1"><BillAdd>');
    expect(await service.receiveResponseXML(ticket, billAddResponse('req-1', memo), '', '')).toBe(100);
    expect(await service.closeConnection(ticket)).toMatch(/^OK/);
    const entry = await queue.entry(CONNECTION, 'req-1');
    expect(entry?.result).toMatchObject({ ok: true, created: true, ret: { TxnID: '1A2B-1712345678', EditSequence: '1712345999' } });
    expect(types()).toEqual(['QbdRequestQueued.v1', 'QbdSessionOpened.v1', 'QbdRequestHandedOut.v1', 'QbdResponseRecorded.v1', 'QbdSessionClosed.v1']);
  });

  it('reports progress below 100 while more waits', async () => {
    await queueBill();
    await queue.enqueue(CONNECTION, 'req-2', vendorDocumentOperation(billPosting({ number: 'INV-2' })), '2026-03-15T09:00:00.000Z');
    const [ticket] = await service.authenticate('acme-qbwc', 's3cret-password');
    await service.sendRequestXML(ticket, '', '', 'US', '13', '0');
    expect(await service.receiveResponseXML(ticket, billAddResponse('req-1', memo), '', '')).toBe(50);
    expect(await service.sendRequestXML(ticket, '', '', 'US', '13', '0')).toContain('<RefNumber>INV-2</RefNumber>');
  });

  it('probes for a write whose answer never came: found, it is not written again', async () => {
    await queueBill();
    const [first] = await service.authenticate('acme-qbwc', 's3cret-password');
    await service.sendRequestXML(first, '', '', 'US', '13', '0');
    // The session dies here: QuickBooks may have saved the bill.
    const [second] = await service.authenticate('acme-qbwc', 's3cret-password');
    const probe = await service.sendRequestXML(second, '', '', 'US', '13', '0');
    expect(probe).toContain('<BillQueryRq requestID="req-1"><RefNumber>INV-10442</RefNumber></BillQueryRq>');
    expect(await service.receiveResponseXML(second, billQueryResponse('req-1', memo), '', '')).toBe(100);
    expect((await queue.entry(CONNECTION, 'req-1'))?.result).toMatchObject({ ok: true, created: false, ret: { TxnID: '1A2B-1712345678' } });
    expect(store.events(queueStream(CONNECTION)).filter((e) => e.type === 'QbdRequestHandedOut.v1').map((e) => (e.data as { step: string }).step)).toEqual(['write', 'probe']);
  });

  it('probes, finds nothing (or another document with that number), and then writes', async () => {
    await queueBill();
    const [first] = await service.authenticate('acme-qbwc', 's3cret-password');
    await service.sendRequestXML(first, '', '', 'US', '13', '0');
    const [second] = await service.authenticate('acme-qbwc', 's3cret-password');
    await service.sendRequestXML(second, '', '', 'US', '13', '0');
    expect(await service.receiveResponseXML(second, billQueryResponse('req-1', 'a bill someone keyed by hand'), '', '')).toBe(50);
    expect(await service.sendRequestXML(second, '', '', 'US', '13', '0')).toContain('<BillAddRq requestID="req-1">');
    expect(await service.receiveResponseXML(second, billAddResponse('req-1', memo), '', '')).toBe(100);
  });

  it('answers failures with the documented values and keeps the reason for getLastError', async () => {
    await queueBill();
    const [ticket] = await service.authenticate('acme-qbwc', 's3cret-password');
    expect(await service.sendRequestXML('no-such-ticket', '', '', 'US', '13', '0')).toBe('');
    expect(await service.receiveResponseXML('no-such-ticket', '', '', '')).toBe(-1);
    await service.sendRequestXML(ticket, '', '', 'US', '13', '0');
    expect(await service.receiveResponseXML(ticket, '', '0x80040400', 'QuickBooks found an error when parsing the provided XML text stream.')).toBe(-1);
    expect(service.getLastError(ticket)).toBe('0x80040400: QuickBooks found an error when parsing the provided XML text stream.');
    expect(await service.receiveResponseXML(ticket, '<QBXML><QBXMLMsgsRs><BillAddRs', '', '')).toBe(-1);
    expect(service.getLastError(ticket)).toMatch(/^qbXML: malformed qbXML response/);
    expect(await service.connectionError(ticket, '0x80040408', 'Could not start QuickBooks.')).toBe('done');
    expect(types().filter((t) => t === 'QbdSessionFailed.v1')).toHaveLength(3);
    expect((await queue.entry(CONNECTION, 'req-1'))?.result).toBeNull();
  });

  it('refuses for good a request QuickBooks cannot parse in five sessions, so what is queued behind it goes', async () => {
    await queueBill();
    await queue.enqueue(CONNECTION, 'req-2', vendorDocumentOperation(billPosting({ number: 'INV-2' })), '2026-03-15T09:00:00.000Z');
    for (let session = 1; session <= 6; session += 1) {
      const [ticket] = await service.authenticate('acme-qbwc', 's3cret-password');
      expect(await service.sendRequestXML(ticket, '', '', 'US', '13', '0')).toContain('requestID="req-1"');
      expect(await service.receiveResponseXML(ticket, '', '0x80040400', 'QuickBooks found an error when parsing the provided XML text stream.')).toBe(-1);
      await service.closeConnection(ticket);
    }
    expect((await queue.entry(CONNECTION, 'req-1'))?.result).toMatchObject({ ok: false, statusCode: 0x80040400 | 0, message: expect.stringContaining('0x80040400') });
    const [ticket] = await service.authenticate('acme-qbwc', 's3cret-password');
    expect(await service.sendRequestXML(ticket, '', '', 'US', '13', '0')).toContain('requestID="req-2"');
  });

  it('refuses for good what QuickBooks refuses, and defers a locked record to the next session', async () => {
    await queueBill();
    await queue.enqueue(CONNECTION, 'req-2', vendorDocumentOperation(billPosting({ number: 'INV-2', note: { marker: `${MARKER}x`, text: `${MARKER}x` } })), '2026-03-15T09:00:00.000Z');
    const [ticket] = await service.authenticate('acme-qbwc', 's3cret-password');
    await service.sendRequestXML(ticket, '', '', 'US', '13', '0');
    const refused = '<QBXML><QBXMLMsgsRs><BillAddRs requestID="req-1" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Account &quot;Job Expenses:Subcontractors&quot;"/></QBXMLMsgsRs></QBXML>';
    expect(await service.receiveResponseXML(ticket, refused, '', '')).toBe(50);
    expect((await queue.entry(CONNECTION, 'req-1'))?.result).toMatchObject({ ok: false, statusCode: 3140 });
    await service.sendRequestXML(ticket, '', '', 'US', '13', '0');
    const locked = '<QBXML><QBXMLMsgsRs><BillAddRs requestID="req-2" statusCode="3180" statusSeverity="Error" statusMessage="This list has been modified by another user."/></QBXMLMsgsRs></QBXML>';
    expect(await service.receiveResponseXML(ticket, locked, '', '')).toBe(100);
    const entry = await queue.entry(CONNECTION, 'req-2');
    expect(entry).toMatchObject({ result: null, retries: 1, needsProbe: false });
  });

  it('modifies with the EditSequence it knows; on 3200 it re-reads the bill and sends the update with the current one', async () => {
    const update = billPosting({ note: { marker: `${MARKER}:v2`, text: `${MARKER}:v2 revised` } });
    await queue.enqueue(CONNECTION, 'req-mod', vendorDocumentModOperation('1A2B-1712345678', '1712345999', update), '2026-03-15T09:00:00.000Z');
    const [ticket] = await service.authenticate('acme-qbwc', 's3cret-password');
    const first = await service.sendRequestXML(ticket, '', '', 'US', '13', '0');
    expect(first).toContain('<BillModRq requestID="req-mod"><BillMod><TxnID>1A2B-1712345678</TxnID><EditSequence>1712345999</EditSequence><VendorRef>');
    expect(first).toContain('<ExpenseLineMod><TxnLineID>-1</TxnLineID><AccountRef>');
    const stale = '<QBXML><QBXMLMsgsRs><BillModRs requestID="req-mod" statusCode="3200" statusSeverity="Error" statusMessage="The provided edit sequence &quot;1712345999&quot; is out-of-date."/></QBXMLMsgsRs></QBXML>';
    expect(await service.receiveResponseXML(ticket, stale, '', '')).toBe(50);
    expect(await service.sendRequestXML(ticket, '', '', 'US', '13', '0')).toContain('<BillQueryRq requestID="req-mod"><TxnID>1A2B-1712345678</TxnID></BillQueryRq>');
    // Someone edited it in QuickBooks: the old marker, a newer EditSequence.
    const current = billQueryResponse('req-mod', memo).replace('<EditSequence>1712345999</EditSequence>', '<EditSequence>1712346500</EditSequence>');
    expect(await service.receiveResponseXML(ticket, current, '', '')).toBe(66);
    expect(await service.sendRequestXML(ticket, '', '', 'US', '13', '0')).toContain('<TxnID>1A2B-1712345678</TxnID><EditSequence>1712346500</EditSequence>');
    const modified = billAddResponse('req-mod', `${MARKER}:v2 revised`).replace(/BillAddRs/g, 'BillModRs').replace('<EditSequence>1712345999</EditSequence>', '<EditSequence>1712346600</EditSequence>');
    expect(await service.receiveResponseXML(ticket, modified, '', '')).toBe(100);
    expect((await queue.entry(CONNECTION, 'req-mod'))?.result).toMatchObject({ ok: true, ret: { EditSequence: '1712346600' } });
  });

  it('takes a new session as the end of any earlier one: its ticket is no longer accepted', async () => {
    await queueBill();
    const [first] = await service.authenticate('acme-qbwc', 's3cret-password');
    expect(await service.sendRequestXML(first, '', '', 'US', '13', '0')).toContain('<BillAddRq requestID="req-1">');
    const [second] = await service.authenticate('acme-qbwc', 's3cret-password');
    expect(await service.receiveResponseXML(first, billAddResponse('req-1', memo), '', '')).toBe(-1);
    expect(service.getLastError(first)).toBe('Unknown or expired session ticket.');
    expect(await service.sendRequestXML(second, '', '', 'US', '13', '0')).toContain('<BillQueryRq requestID="req-1">');
  });
});
