import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClientAsync, type Client } from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QbdBooksPort } from '../../src/adapters/qbd/qbd-books-port.js';
import { QbdQueue } from '../../src/adapters/qbd/queue/qbd-queue.js';
import { queueStream } from '../../src/adapters/qbd/queue/queue-events.js';
import { hashPassword } from '../../src/platform/config/password-hash.js';
import { QBWC_PATH, serveWebConnector, webConnectorEndpoint, type WebConnectorHandler } from '../../src/adapters/qbd/web-connector/soap-binding.js';
import { WebConnectorService } from '../../src/adapters/qbd/web-connector/web-connector.service.js';
import type { BooksCall } from '../../src/domain/books/index.js';
import type { EventStore } from '../../src/eventstore/index.js';
import { useDatabase } from '../integration/eventstore/store-fixture.js';
import { billAddResponse, billPosting, billQueryResponse, xmlEscape } from './fixtures.js';

const CONNECTION = 'acme-qbd';
const settings = [{ connection: CONNECTION, userName: 'acme-qbwc', passwordHash: hashPassword('s3cret-password'), companyFile: 'C:\\Company\\Acme.QBW' }];
const memo = xmlEscape(billPosting().note.text);
const call = (key: string): BooksCall => ({ connection: CONNECTION, idempotencyKey: key, signal: new AbortController().signal });

/** The Web Connector's side of one session, over SOAP like QBWC (qbd §2's sequence). */
const webConnector = (client: Client) => ({
  authenticate: async (password = 's3cret-password'): Promise<string[]> =>
    ((await client.authenticateAsync({ strUserName: 'acme-qbwc', strPassword: password }))[0] as { authenticateResult: { string: string[] } }).authenticateResult.string,
  send: async (ticket: string): Promise<string> => ((await client.sendRequestXMLAsync({
    ticket, strHCPResponse: '', strCompanyFileName: 'C:\\Company\\Acme.QBW', qbXMLCountry: 'US', qbXMLMajorVers: 16, qbXMLMinorVers: 0,
  }))[0] as { sendRequestXMLResult?: string }).sendRequestXMLResult ?? '',
  receive: async (ticket: string, response: string, hresult = '', message = ''): Promise<number> =>
    Number(((await client.receiveResponseXMLAsync({ ticket, response, hresult, message }))[0] as { receiveResponseXMLResult: number | string }).receiveResponseXMLResult),
  lastError: async (ticket: string): Promise<string> => ((await client.getLastErrorAsync({ ticket }))[0] as { getLastErrorResult: string }).getLastErrorResult,
  close: async (ticket: string): Promise<string> => ((await client.closeConnectionAsync({ ticket }))[0] as { closeConnectionResult: string }).closeConnectionResult,
});

describe('the Web Connector SOAP endpoint over HTTP, with the queue in PostgreSQL', () => {
  const db = useDatabase('server');
  let store: EventStore;
  let server: Server;
  let url: string;
  let qbwc: ReturnType<typeof webConnector>;
  let port: QbdBooksPort;
  let queue: QbdQueue;

  beforeAll(async () => {
    store = await db.openStore();
    queue = new QbdQueue(store);
    const service = new WebConnectorService(queue, () => settings);
    // The WSDL names the endpoint's address, known once the server listens.
    const ready: { endpoint?: WebConnectorHandler } = {};
    server = serveWebConnector((req, res, body) => ready.endpoint?.(req, res, body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ready.endpoint = webConnectorEndpoint(service, `${url}${QBWC_PATH}`);
    qbwc = webConnector(await createClientAsync(`${url}${QBWC_PATH}?wsdl`));
    port = new QbdBooksPort({ queue, now: () => '2026-03-15T09:00:00.000Z', waitMs: 0, recheckMs: 30_000 });
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('queues a bill until a session runs it, then answers with the TxnID QuickBooks gave it', async () => {
    expect(await port.post(call('req-a'), billPosting())).toMatchObject({ ok: false, kind: 'throttled', code: 'QBD_QUEUED' });
    expect((await qbwc.authenticate('wrong'))[1]).toBe('nvu');
    const [ticket, file] = await qbwc.authenticate();
    expect(file).toBe('C:\\Company\\Acme.QBW');
    const request = await qbwc.send(ticket!);
    expect(request).toContain('<?qbxml version="13.0"?>');
    expect(request).toContain('<BillAddRq requestID="req-a">');
    // A waiting call is answered as soon as the response is recorded.
    const waiting = new QbdBooksPort({ queue, now: () => '', waitMs: 60_000, recheckMs: 1 }).post(call('req-a'), billPosting());
    expect(await qbwc.receive(ticket!, billAddResponse('req-a', memo, 'TXN-A'))).toBe(100);
    expect(await qbwc.close(ticket!)).toMatch(/^OK/);
    expect(await waiting).toMatchObject({ ok: true, value: { id: 'TXN-A', version: '1712345999', number: 'INV-10442' } });
    expect(await port.post(call('req-a'), billPosting())).toMatchObject({ ok: true, value: { id: 'TXN-A' } });
    expect((await qbwc.authenticate())[1]).toBe('none');
  });

  it('a session that dies after QuickBooks saved the bill: the next session asks for its marker and never sends it twice', async () => {
    const posting = billPosting({ number: 'INV-B' });
    await port.post(call('req-b'), posting);
    const [first] = await qbwc.authenticate();
    expect(await qbwc.send(first!)).toContain('<BillAddRq requestID="req-b">');
    // QuickBooks applied it; the answer never came back (the PC slept, the network dropped).
    expect(await port.findPosted(call('req-b'), posting)).toEqual({ ok: true, value: null });
    const [second] = await qbwc.authenticate();
    const probe = await qbwc.send(second!);
    expect(probe).toContain('<BillQueryRq requestID="req-b"><RefNumber>INV-B</RefNumber></BillQueryRq>');
    expect(await qbwc.receive(second!, billQueryResponse('req-b', memo, 'TXN-B'))).toBe(100);
    await qbwc.close(second!);
    expect(await port.post(call('req-b'), posting)).toMatchObject({ ok: true, value: { id: 'TXN-B' } });
    const handouts = (await store.readStream(queueStream(CONNECTION)))
      .filter((e) => e.type === 'QbdRequestHandedOut.v1' && (e.data as { requestId: string }).requestId === 'req-b')
      .map((e) => (e.data as { step: string }).step);
    expect(handouts).toEqual(['write', 'probe']);
  });

  it('a failed COM call answers -1 and getLastError, and the request waits for the next session', async () => {
    await port.post(call('req-c'), billPosting({ number: 'INV-C' }));
    const [ticket] = await qbwc.authenticate();
    await qbwc.send(ticket!);
    expect(await qbwc.receive(ticket!, '', '0x80040400', 'QuickBooks found an error when parsing the provided XML text stream.')).toBe(-1);
    expect(await qbwc.lastError(ticket!)).toMatch(/^0x80040400/);
    await qbwc.close(ticket!);
    expect(await port.post(call('req-c'), billPosting({ number: 'INV-C' }))).toMatchObject({ ok: false, kind: 'throttled' });
  });

  it('answers a SOAP fault for an unknown method and for a broken envelope, and nothing queued is lost', async () => {
    const post = (body: string, action: string) => fetch(`${url}${QBWC_PATH}`, {
      method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"http://developer.intuit.com/${action}"` }, body,
    });
    const unknown = await post('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><dropTables xmlns="http://developer.intuit.com/"/></soap:Body></soap:Envelope>', 'dropTables');
    expect(unknown.status).toBe(500);
    expect(await unknown.text()).toMatch(/<soap:Fault><faultcode>soap:Client<\/faultcode><faultstring>unknown method &quot;dropTables&quot;/);
    const broken = await post('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><authenticate', 'authenticate');
    expect(broken.status).toBe(500);
    expect(await broken.text()).toContain('<faultstring>malformed SOAP envelope');
    expect(await port.findPosted(call('req-c'), billPosting())).toEqual({ ok: true, value: null });
    expect((await qbwc.authenticate())[1]).toBe('C:\\Company\\Acme.QBW');
  });

  it('answers an unknown ticket with the documented empty values, and a malformed qbXML response with -1 and getLastError; the request stays queued', async () => {
    expect(await qbwc.send('no-such-ticket')).toBe('');
    expect(await qbwc.receive('no-such-ticket', '<QBXML/>')).toBe(-1);
    expect(await qbwc.lastError('no-such-ticket')).toBe('Unknown or expired session ticket.');
    expect(await qbwc.close('no-such-ticket')).toBe('Unknown or expired session ticket.');

    await port.post(call('req-m'), billPosting({ number: 'INV-M' }));
    const [ticket] = await qbwc.authenticate();
    // The first request queued (an earlier test's may still be waiting) is handed out, and answered with broken qbXML.
    const requestId = /requestID="([^"]+)"/.exec(await qbwc.send(ticket!))?.[1];
    expect(requestId).toBeDefined();
    expect(await qbwc.receive(ticket!, '<QBXML><QBXMLMsgsRs><BillAddRs')).toBe(-1);
    expect(await qbwc.lastError(ticket!)).toMatch(/qbXML/);
    await qbwc.close(ticket!);
    // Not lost: still waiting for a session to answer it, and the next session is handed it again (probed first: its answer never came).
    expect(await port.post(call('req-m'), billPosting({ number: 'INV-M' }))).toMatchObject({ ok: false, kind: 'throttled' });
    const [next] = await qbwc.authenticate();
    expect(await qbwc.send(next!)).toContain(`requestID="${requestId}`);
    await qbwc.close(next!);
  });
});
