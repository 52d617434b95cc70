import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { QbxmlNode } from './qbxml-node.js';

/** The highest qbXML the request shapes here were written against; lower when QuickBooks reports less. */
export const PREFERRED_QBXML_VERSION = 13;

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

/** The version PI never exceeds what `sendRequestXML` reported (qbd §2, §4). */
export const qbxmlVersion = (reportedMajor: number | undefined, reportedMinor = 0): string => {
  if (reportedMajor === undefined || !Number.isFinite(reportedMajor) || reportedMajor >= PREFERRED_QBXML_VERSION) return `${PREFERRED_QBXML_VERSION}.0`;
  return `${reportedMajor}.${reportedMinor}`;
};

/** One qbXML document holding the requests, in order, under `QBXMLMsgsRq`. */
export const buildRequestDocument = (version: string, requests: readonly QbxmlNode[], onError: 'stopOnError' | 'continueOnError' = 'stopOnError'): string => {
  const body = builder.build([{ QBXML: [{ QBXMLMsgsRq: requests, ':@': { '@_onError': onError } }] }]) as string;
  return `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${version}"?>${body}`;
};

/** One `…Rs` element of a response: its status and the objects it returned. */
export interface QbxmlResponse {
  /** e.g. `BillAddRs`. */
  readonly name: string;
  readonly requestId: string | null;
  readonly statusCode: number;
  readonly statusSeverity: string;
  readonly statusMessage: string;
  /** Every `…Ret` child, as plain objects (repeated children as arrays). */
  readonly rets: ReadonlyArray<Record<string, unknown>>;
  readonly iteratorId?: string;
  readonly iteratorRemainingCount?: number;
}

export class QbxmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QbxmlParseError';
  }
}

/** Ret children that repeat (lines, linked transactions, data extensions) are always arrays. */
const REPEATED = /(LineRet|LinkedTxn|DataExtRet|Ret)$/;

const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: true,
  isArray: (name, jpath) => REPEATED.test(name) || /QBXMLMsgsRs\.[A-Za-z]+Rs$/.test(String(jpath)),
});

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? '' : String(value));

/** Every `…Rs` in a qbXML response document; throws `QbxmlParseError` when it is not one. */
export const parseResponseDocument = (xml: string): QbxmlResponse[] => {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new QbxmlParseError(`malformed qbXML response: ${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(xml) as { QBXML?: { QBXMLMsgsRs?: Record<string, unknown> | string } };
  const msgs = doc.QBXML?.QBXMLMsgsRs;
  if (msgs === undefined) throw new QbxmlParseError('not a qbXML response: no QBXML/QBXMLMsgsRs element');
  if (typeof msgs !== 'object') return [];
  const responses: QbxmlResponse[] = [];
  for (const [name, list] of Object.entries(msgs)) {
    if (!name.endsWith('Rs')) continue;
    for (const rs of list as Array<Record<string, unknown>>) responses.push(toResponse(name, rs));
  }
  return responses;
};

const toResponse = (name: string, rs: Record<string, unknown>): QbxmlResponse => {
  const statusCode = Number(text(rs.statusCode));
  if (!Number.isInteger(statusCode)) throw new QbxmlParseError(`${name} has no numeric statusCode`);
  const rets = Object.entries(rs)
    .filter(([key]) => key.endsWith('Ret'))
    .flatMap(([, value]) => value as Array<Record<string, unknown>>);
  const remaining = rs.iteratorRemainingCount === undefined ? undefined : Number(text(rs.iteratorRemainingCount));
  return {
    name, requestId: rs.requestID === undefined ? null : text(rs.requestID), statusCode,
    statusSeverity: text(rs.statusSeverity), statusMessage: text(rs.statusMessage), rets,
    ...(rs.iteratorID === undefined ? {} : { iteratorId: text(rs.iteratorID) }),
    ...(remaining === undefined ? {} : { iteratorRemainingCount: remaining }),
  };
};

/** A Ret's text field (`TxnID`, `EditSequence`, `Memo`); '' when absent. */
export const retText = (ret: Record<string, unknown>, field: string): string => text(ret[field]);
