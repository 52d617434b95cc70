import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export const QBWC_NAMESPACE = 'http://developer.intuit.com/';
const SOAP_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
/** What the Web Connector's .NET SOAP stack sends as User-Agent. */
const USER_AGENT = 'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 4.0.30319.42000)';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true });
const parser = new XMLParser({
  removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: false,
  isArray: (name) => name === 'string',
});

/** The service answered with a SOAP fault, an HTTP error or something that is not a SOAP answer. */
export class SoapCallError extends Error {
  constructor(readonly method: string, message: string, readonly fault?: { code: string; string: string }) {
    super(`${method}: ${message}`);
    this.name = 'SoapCallError';
  }
}

export type SoapArgs = ReadonlyArray<readonly [string, string | number]>;

/** A SOAP 1.1 document/literal request body exactly as the Web Connector builds it, arguments in WSDL order. */
export const soapEnvelope = (method: string, args: SoapArgs): string => `<?xml version="1.0" encoding="utf-8"?>${builder.build({
  'soap:Envelope': {
    '@xmlns:soap': SOAP_NAMESPACE,
    '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    '@xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
    'soap:Body': { [method]: { '@xmlns': QBWC_NAMESPACE, ...Object.fromEntries(args.map(([k, v]) => [k, String(v)])) } },
  },
}) as string}`;

type Body = Record<string, unknown>;

/** Calls one Web Connector method on the integrator's service and returns its `…Result`. */
export const callSoap = async (url: string, method: string, args: SoapArgs, fetchImpl: typeof fetch = fetch): Promise<unknown> => {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', 'SOAPAction': `"${QBWC_NAMESPACE}${method}"`, 'User-Agent': USER_AGENT },
      body: soapEnvelope(method, args),
    });
  } catch (error) {
    throw new SoapCallError(method, `the service could not be reached (${(error as Error).message})`);
  }
  const text = await response.text();
  if (XMLValidator.validate(text) !== true) throw new SoapCallError(method, `HTTP ${response.status}, the answer is not XML`);
  const body = ((parser.parse(text) as Body)['Envelope'] as Body | undefined)?.['Body'] as Body | undefined;
  if (!body) throw new SoapCallError(method, `HTTP ${response.status}, the answer is not a SOAP envelope`);
  const fault = body['Fault'] as Body | undefined;
  if (fault) {
    const code = String(fault['faultcode'] ?? '');
    const message = String(fault['faultstring'] ?? '');
    throw new SoapCallError(method, `SOAP fault ${code}: ${message}`, { code, string: message });
  }
  if (!response.ok) throw new SoapCallError(method, `HTTP ${response.status}`);
  const wrapper = body[`${method}Response`];
  if (wrapper === undefined) throw new SoapCallError(method, `the answer has no ${method}Response`);
  // `<xResult/>` parses as '' and a missing result as undefined: .NET reads both as an empty/null string.
  return typeof wrapper === 'object' && wrapper !== null ? (wrapper as Body)[`${method}Result`] : undefined;
};

export const asString = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

export const asStrings = (method: string, value: unknown): string[] => {
  const list = typeof value === 'object' && value !== null ? (value as Body)['string'] : undefined;
  if (!Array.isArray(list)) throw new SoapCallError(method, 'the answer is not an ArrayOfString');
  return list.map(asString);
};

export const asInt = (method: string, value: unknown): number => {
  const text = asString(value).trim();
  if (!/^-?\d+$/.test(text)) throw new SoapCallError(method, `"${text}" is not an int`);
  return Number(text);
};
