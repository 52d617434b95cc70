import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { listen } from 'soap';
import { QBWC_METHODS, qbwcWsdl } from './qbwc-wsdl.js';
import type { WebConnectorService } from './web-connector.service.js';

/** Where the Web Connector posts (the .qwc's AppURL path). */
export const QBWC_PATH = '/qbwc';

type Args = Readonly<Record<string, unknown>>;
const str = (args: Args, name: string): string => (args[name] === undefined || args[name] === null ? '' : String(args[name]));

const operationsFor = (service: WebConnectorService) => ({
  serverVersion: () => ({ serverVersionResult: service.serverVersion() }),
  clientVersion: (a: Args) => ({ clientVersionResult: service.clientVersion(str(a, 'strVersion')) }),
  authenticate: async (a: Args) => ({ authenticateResult: { string: await service.authenticate(str(a, 'strUserName'), str(a, 'strPassword')) } }),
  sendRequestXML: async (a: Args) => ({
    sendRequestXMLResult: await service.sendRequestXML(
      str(a, 'ticket'), str(a, 'strHCPResponse'), str(a, 'strCompanyFileName'), str(a, 'qbXMLCountry'), str(a, 'qbXMLMajorVers'), str(a, 'qbXMLMinorVers'),
    ),
  }),
  receiveResponseXML: async (a: Args) => ({
    receiveResponseXMLResult: await service.receiveResponseXML(str(a, 'ticket'), str(a, 'response'), str(a, 'hresult'), str(a, 'message')),
  }),
  connectionError: async (a: Args) => ({ connectionErrorResult: await service.connectionError(str(a, 'ticket'), str(a, 'hresult'), str(a, 'message')) }),
  getLastError: (a: Args) => ({ getLastErrorResult: service.getLastError(str(a, 'ticket')) }),
  closeConnection: async (a: Args) => ({ closeConnectionResult: await service.closeConnection(str(a, 'ticket')) }),
});

const envelopeParser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true });
const faultBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

/** The operation a SOAP 1.1 envelope calls, or why it names none the Web Connector has. */
const operationOf = (xml: string): { method: string } | { fault: string } => {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { fault: `malformed SOAP envelope: ${valid.err.msg} (line ${valid.err.line})` };
  const body = (envelopeParser.parse(xml) as { Envelope?: { Body?: Record<string, unknown> } }).Envelope?.Body;
  const method = body && typeof body === 'object' ? Object.keys(body)[0] : undefined;
  if (!method) return { fault: 'not a SOAP 1.1 envelope with a Body' };
  return QBWC_METHODS.includes(method) ? { method } : { fault: `unknown method "${method}": the Web Connector service has ${QBWC_METHODS.join(', ')}` };
};

const sendFault = (res: ServerResponse, faultstring: string): void => {
  const body = faultBuilder.build({
    'soap:Envelope': { '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/', 'soap:Body': { 'soap:Fault': { faultcode: 'soap:Client', faultstring } } },
  }) as string;
  res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' }).end(`<?xml version="1.0" encoding="utf-8"?>${body}`);
};

export type WebConnectorHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

/**
 * The callbacks as a SOAP endpoint: node-soap (on a server of its own that never listens)
 * parses the envelope, binds it to the WSDL and escapes the answers. A broken envelope or a
 * method the Web Connector does not have gets a SOAP 1.1 fault before node-soap sees it.
 * The caller routes `QBWC_PATH` here with the request's body already read.
 */
export const webConnectorEndpoint = (service: WebConnectorService, publicUrl: string): WebConnectorHandler => {
  const inner = createServer();
  listen(inner, { path: QBWC_PATH, xml: qbwcWsdl(publicUrl), suppressStack: true, services: { QBWebConnectorSvc: { QBWebConnectorSvcSoap: operationsFor(service) } } });
  return (req, res, body) => {
    if (req.method === 'POST') {
      const operation = operationOf(body.toString('utf8'));
      if ('fault' in operation) return sendFault(res, operation.fault);
      (req as IncomingMessage & { body?: Buffer }).body = body;
    }
    inner.emit('request', req, res);
  };
};

/** A plain Node HTTP server answering only the Web Connector (tests, a standalone deployment). */
export const serveWebConnector = (handler: WebConnectorHandler) => createServer((req, res) => {
  if (!req.url?.startsWith(QBWC_PATH)) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => handler(req, res, Buffer.concat(chunks)));
});
