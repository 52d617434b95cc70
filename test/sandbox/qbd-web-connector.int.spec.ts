import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQbdSandbox, DEFAULT_COMPANY_FILE, parseQwc, QwcError, type QbdSandbox } from '../../sandbox/qbd/index.js';

/**
 * A small scripted SOAP service written here (not the hub's): it hands out the qbXML documents
 * in `queue`, records every call the simulated Web Connector makes, and answers as the script says.
 */
interface Call { method: string; args: Record<string, string>; soapAction: string | undefined; contentType: string | undefined; at: number }
interface Script {
  password: string;
  authStatus: string;
  queue: string[];
  lastError: string;
  connectionErrorAnswers: string[];
  fault?: string;
  clientVersion?: string;
  /** authenticate elements 2 and 3: postpone seconds, minimum seconds between runs. */
  authExtra?: string[];
}

const OWNER_ID = '{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}';
const FILE_ID = '{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}';
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true });

let server: Server;
let appUrl: string;
let script: Script;
let calls: Call[];

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const envelope = (inner: Record<string, unknown>) => `<?xml version="1.0" encoding="utf-8"?>${builder.build({
  'soap:Envelope': { '@xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/', 'soap:Body': inner },
}) as string}`;

const answer = (method: string, args: Record<string, string>): unknown => {
  switch (method) {
    case 'serverVersion': return '1.0.0-test';
    case 'clientVersion': return script.clientVersion ?? '';
    case 'authenticate':
      return args['strUserName'] === 'harbor-qbwc' && args['strPassword'] === script.password
        ? { string: ['T-1', script.authStatus, ...(script.authExtra ?? [])] } : { string: ['', 'nvu'] };
    case 'sendRequestXML': return script.queue.shift() ?? '';
    case 'receiveResponseXML': return args['hresult'] ? -1 : script.queue.length === 0 ? 100 : 50;
    case 'getLastError': return script.lastError;
    case 'connectionError': return script.connectionErrorAnswers.shift() ?? 'done';
    case 'closeConnection': return 'OK';
    default: throw new Error(method);
  }
};

beforeAll(async () => {
  server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const body = (parser.parse(text) as { Envelope: { Body: Record<string, Record<string, unknown> | string> } }).Envelope.Body;
      const method = Object.keys(body)[0] as string;
      const raw = body[method];
      const args = Object.fromEntries(Object.entries(typeof raw === 'object' ? raw : {}).map(([k, v]) => [k, String(v)]));
      calls.push({ method, args, soapAction: request.headers['soapaction'] as string | undefined, contentType: request.headers['content-type'], at: performance.now() });
      response.setHeader('Content-Type', 'text/xml; charset=utf-8');
      if (script.fault === method) {
        response.statusCode = 500;
        response.end(envelope({ 'soap:Fault': { faultcode: 'soap:Server', faultstring: 'scripted fault' } }));
        return;
      }
      response.end(envelope({ [`${method}Response`]: { '@xmlns': 'http://developer.intuit.com/', [`${method}Result`]: answer(method, args) } }));
    });
  });
  // No host: the server listens on both IPv4 and IPv6, so http://localhost reaches it either way.
  await new Promise<void>((resolve) => server.listen(0, resolve));
  appUrl = `http://localhost:${(server.address() as AddressInfo).port}/qbwc`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const qwc = (url: string, scheduler = '<Scheduler><RunEveryNMinutes>15</RunEveryNMinutes></Scheduler>') => `<?xml version="1.0"?>
<QBWCXML><AppName>Trestle test</AppName><AppID></AppID><AppURL>${url}</AppURL><AppDescription>test</AppDescription>
<AppSupport>${url}</AppSupport><UserName>harbor-qbwc</UserName><OwnerID>${OWNER_ID}</OwnerID><FileID>${FILE_ID}</FileID>
<QBType>QBFS</QBType><Style>Document</Style>${scheduler}<IsReadOnly>false</IsReadOnly></QBWCXML>`;

const qbxml = (body: string) => `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`;
const VENDOR_ADD = qbxml('<VendorAddRq requestID="q-1"><VendorAdd><Name>Granite Rebar &amp; Mesh</Name></VendorAdd></VendorAddRq>');
const BILL_ADD = qbxml('<BillAddRq requestID="q-2"><BillAdd><VendorRef><FullName>Granite Rebar &amp; Mesh</FullName></VendorRef><RefNumber>GR-77</RefNumber>'
  + '<ExpenseLineAdd><AccountRef><FullName>Job Costs:Job Materials</FullName></AccountRef><Amount>1250.00</Amount>'
  + '<CustomerRef><FullName>Harbor Point Builders:2026-014 Riverside Medical Office</FullName></CustomerRef></ExpenseLineAdd></BillAdd></BillAddRq>');

let sandbox: QbdSandbox;
beforeEach(() => {
  calls = [];
  script = { password: 's3cret', authStatus: '', queue: [], lastError: 'scripted error', connectionErrorAnswers: [] };
  sandbox = createQbdSandbox({ qwc: qwc(appUrl), password: 's3cret', noOpDelayMs: 1 });
});

const methods = () => calls.map((c) => c.method);
const responses = () => calls.filter((c) => c.method === 'receiveResponseXML');

describe('the Web Connector simulator against a scripted SOAP service', () => {
  it('runs two requests through a session: versions, authenticate, send → QuickBooks → receive twice, close', async () => {
    script.queue = [VENDOR_ADD, BILL_ADD];
    const report = await sandbox.connector.runSession();
    expect(report.outcome).toBe('completed');
    expect(report.closeMessage).toBe('OK');
    expect(methods()).toEqual([
      'serverVersion', 'clientVersion', 'authenticate', 'sendRequestXML', 'receiveResponseXML', 'sendRequestXML', 'receiveResponseXML', 'closeConnection',
    ]);
    expect(calls.every((c) => c.soapAction === `"http://developer.intuit.com/${c.method}"` && c.contentType === 'text/xml; charset=utf-8')).toBe(true);
    expect(calls[1]?.args['strVersion']).toBe('2.3.0.215');
    const [first, second] = calls.filter((c) => c.method === 'sendRequestXML');
    expect(first?.args).toMatchObject({ ticket: 'T-1', strCompanyFileName: DEFAULT_COMPANY_FILE, qbXMLCountry: 'US', qbXMLMajorVers: '16', qbXMLMinorVers: '0' });
    // The first call carries the automatic Host/Company/Preferences answers, with the FileID the Web Connector stamped.
    expect(first?.args['strHCPResponse']).toContain('<HostRet>');
    expect(first?.args['strHCPResponse']).toContain(`<DataExtValue>${FILE_ID}</DataExtValue>`);
    expect(second?.args['strHCPResponse'] ?? '').toBe('');
    const [vendorRs, billRs] = responses().map((c) => c.args['response'] ?? '');
    expect(vendorRs).toMatch(/<VendorAddRs requestID="q-1" statusCode="0"/);
    expect(vendorRs).toContain('<Name>Granite Rebar &amp; Mesh</Name>');
    expect(billRs).toMatch(/<BillAddRs requestID="q-2" statusCode="0"/);
    expect(billRs).toContain('<AmountDue>1250.00</AmountDue>');
    expect(responses().every((c) => c.args['ticket'] === 'T-1' && (c.args['hresult'] ?? '') === '')).toBe(true);
    expect(sandbox.company.txnsOf('Bill').map((b) => b.total)).toEqual([125000n]);
  });

  it('a wrong password gets "nvu" and the session ends there', async () => {
    sandbox.faults.wrongPassword = true;
    script.queue = [VENDOR_ADD];
    const report = await sandbox.connector.runSession();
    expect(report.outcome).toBe('invalid-user');
    expect(methods()).toEqual(['serverVersion', 'clientVersion', 'authenticate']);
  });

  it('"none" from authenticate: nothing is asked for, the connection is closed', async () => {
    script.authStatus = 'none';
    const report = await sandbox.connector.runSession();
    expect(report.outcome).toBe('nothing-to-do');
    expect(methods()).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'closeConnection']);
  });

  it('a session that dies after QuickBooks applied the request never answers; re-sending the add then meets 3100', async () => {
    sandbox.faults.dieAfterApply = 1;
    script.queue = [VENDOR_ADD];
    expect((await sandbox.connector.runSession()).outcome).toBe('died');
    expect(methods().at(-1)).toBe('sendRequestXML');
    expect(sandbox.company.listByFullName(['Vendor'], 'Granite Rebar & Mesh')).toBeDefined();
    calls = [];
    script.queue = [VENDOR_ADD];
    expect((await sandbox.connector.runSession()).outcome).toBe('completed');
    expect(responses()[0]?.args['response']).toMatch(/statusCode="3100"/);
  });

  it('a session that dies before QuickBooks ran the request leaves the company untouched', async () => {
    sandbox.faults.dieBeforeApply = 1;
    script.queue = [VENDOR_ADD];
    expect((await sandbox.connector.runSession()).outcome).toBe('died');
    expect(sandbox.company.listByFullName(['Vendor'], 'Granite Rebar & Mesh')).toBeUndefined();
  });

  it('QuickBooks closed: connectionError with the HRESULT; "done" closes; a company path makes it try that file', async () => {
    sandbox.connector.openFile = undefined;
    script.queue = [VENDOR_ADD];
    expect((await sandbox.connector.runSession()).outcome).toBe('connection-error');
    expect(methods()).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'connectionError', 'closeConnection']);
    expect(calls[3]?.args).toMatchObject({ ticket: 'T-1', hresult: '0x80040408', message: 'Could not start QuickBooks.' });
    calls = [];
    script.connectionErrorAnswers = [DEFAULT_COMPANY_FILE];
    expect((await sandbox.connector.runSession()).outcome).toBe('completed');
    expect(methods()).toContain('receiveResponseXML');
  });

  it('authenticate naming another company file gets connectionError 0x80040403', async () => {
    script.authStatus = 'C:\\Company Files\\Someone Else.QBW';
    expect((await sandbox.connector.runSession()).outcome).toBe('connection-error');
    expect(calls.find((c) => c.method === 'connectionError')?.args['hresult']).toBe('0x80040403');
  });

  it('a qbXML document QuickBooks cannot parse comes back as HRESULT 0x80040400; a negative answer leads to getLastError', async () => {
    script.queue = [qbxml('<VendorAddRq><VendorAdd><Nickname>x</Nickname></VendorAdd></VendorAddRq>')];
    const report = await sandbox.connector.runSession();
    expect(report).toMatchObject({ outcome: 'service-error', lastError: 'scripted error' });
    expect(responses()[0]?.args).toMatchObject({ response: '', hresult: '0x80040400' });
    expect(methods().slice(-2)).toEqual(['getLastError', 'closeConnection']);
  });

  it('an empty sendRequestXML with getLastError "NoOp" makes the Web Connector wait and ask again', async () => {
    script.queue = ['', VENDOR_ADD];
    script.lastError = 'NoOp';
    expect((await sandbox.connector.runSession()).outcome).toBe('completed');
    expect(methods().slice(3)).toEqual(['sendRequestXML', 'getLastError', 'sendRequestXML', 'receiveResponseXML', 'closeConnection']);
    expect(sandbox.company.listByFullName(['Vendor'], 'Granite Rebar & Mesh')).toBeDefined();
  });

  it('the error-a-response fault reports an HRESULT and does not run the request', async () => {
    sandbox.faults.errorResponse = { count: 1, failure: { hresult: '0x80040420', message: 'The QuickBooks user has denied access.' } };
    script.queue = [VENDOR_ADD];
    await sandbox.connector.runSession();
    expect(responses()[0]?.args).toMatchObject({ hresult: '0x80040420', response: '' });
    expect(sandbox.company.listByFullName(['Vendor'], 'Granite Rebar & Mesh')).toBeUndefined();
  });

  it('a SOAP fault from the service ends the session', async () => {
    script.fault = 'authenticate';
    const report = await sandbox.connector.runSession();
    expect(report.outcome).toBe('soap-failure');
    expect(report.lastError).toContain('scripted fault');
  });

  it('clientVersion "E:" stops before authenticate; "W:" only warns', async () => {
    script.clientVersion = 'E:Please upgrade the Web Connector';
    expect(await sandbox.connector.runSession()).toMatchObject({ outcome: 'client-version-refused', lastError: 'Please upgrade the Web Connector' });
    expect(methods()).toEqual(['serverVersion', 'clientVersion']);
    script.clientVersion = 'W:Old but fine';
    script.authStatus = 'none';
    expect((await sandbox.connector.runSession()).outcome).toBe('nothing-to-do');
  });

  it('a postponement from authenticate is reported for the scheduler', async () => {
    script.authStatus = 'none';
    script.authExtra = ['300'];
    expect((await sandbox.connector.runSession()).postponeSeconds).toBe(300);
  });

  it('the lock fault answers 3180 for the next write, once across sessions', async () => {
    sandbox.faults.lockedWrites = 1;
    script.queue = [VENDOR_ADD];
    await sandbox.connector.runSession();
    expect(responses()[0]?.args['response']).toMatch(/statusCode="3180" statusSeverity="Error"/);
    calls = [];
    script.queue = [VENDOR_ADD];
    await sandbox.connector.runSession();
    expect(responses()[0]?.args['response']).toMatch(/statusCode="0"/);
  });

  it('the malformed-response fault runs the request but posts back broken qbXML', async () => {
    sandbox.faults.malformedResponse = 1;
    script.queue = [VENDOR_ADD];
    await sandbox.connector.runSession();
    const text = responses()[0]?.args['response'] ?? '';
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).not.toContain('</QBXML>');
    expect(sandbox.company.listByFullName(['Vendor'], 'Granite Rebar & Mesh')).toBeDefined();
  });

  it('the slow-down fault holds every answer back by at least delayMs', async () => {
    sandbox.faults.delayMs = 60;
    script.queue = [VENDOR_ADD];
    await sandbox.connector.runSession();
    const sent = calls.find((c) => c.method === 'sendRequestXML')?.at ?? 0;
    const answered = calls.find((c) => c.method === 'receiveResponseXML')?.at ?? 0;
    expect(answered - sent).toBeGreaterThanOrEqual(60);
  });

  it('polls on a schedule until stopped', async () => {
    script.authStatus = 'none';
    sandbox.connector.start(5);
    while (sandbox.connector.history.length < 3) await new Promise((resolve) => setImmediate(resolve));
    await sandbox.connector.stop();
    const seen = sandbox.connector.history.length;
    expect(sandbox.connector.history.every((r) => r.outcome === 'nothing-to-do')).toBe(true);
    expect(methods().filter((m) => m === 'authenticate').length).toBe(seen);
  });
});

describe('.qwc files', () => {
  it('are refused without HTTPS (except http://localhost) or with an OwnerID that is not a GUID', () => {
    expect(() => parseQwc(qwc('http://hub.example.com/qbwc'))).toThrow(QwcError);
    expect(() => parseQwc(qwc(appUrl).replace(OWNER_ID, 'trestle'))).toThrow(/OwnerID/);
    expect(parseQwc(qwc('https://hub.example.com/qbwc'))).toMatchObject({ userName: 'harbor-qbwc', runEverySeconds: 900, fileId: FILE_ID });
    expect(parseQwc(qwc(appUrl, '<Scheduler><RunEveryNSeconds>45</RunEveryNSeconds></Scheduler>')).runEverySeconds).toBe(45);
  });
});
