import type { HandlerResult, RequestContext } from './context.js';
import { SUPPORTED_VERSIONS, companyQuery, hostQuery, preferencesQuery } from './host.js';
import { listAdd, listMod, listQuery } from './list-handlers.js';
import { LIST_QUERY, LIST_SPECS } from './list-specs.js';
import { type FieldSpec, group, many, str, validateSequence } from './schema.js';
import { QbParseError, QbStatus, STATUS_OK } from './status.js';
import { TXN_DEL, TXN_DELETED_QUERY, TXN_VOID, txnDel, txnDeletedQuery, txnVoid } from './txn-delete.js';
import { txnAdd, txnMod, txnQuery } from './txn-handlers.js';
import { TXN_SPECS, txnQueryFor } from './txn-specs.js';
import { buildXml, el, parseXml, type XmlNode } from './xml.js';

type Handler = (ctx: RequestContext, kind: string, rq: XmlNode) => HandlerResult;
interface Route { readonly kind: string; readonly op: 'Add' | 'Mod' | 'Query'; readonly content: readonly FieldSpec[]; readonly handler: Handler; readonly idKeys: readonly string[] }

const INCLUDE = many(str('IncludeRetElement', 50));
const SPECIAL: Readonly<Record<string, Route>> = {
  HostQueryRq: { kind: 'Host', op: 'Query', content: [INCLUDE], handler: (ctx) => hostQuery(ctx), idKeys: [] },
  CompanyQueryRq: { kind: 'Company', op: 'Query', content: [INCLUDE, many(str('OwnerID', 40))], handler: (ctx, _k, rq) => companyQuery(ctx, rq), idKeys: [] },
  PreferencesQueryRq: { kind: 'Preferences', op: 'Query', content: [INCLUDE], handler: (ctx) => preferencesQuery(ctx), idKeys: [] },
  TxnDelRq: { kind: 'TxnDel', op: 'Mod', content: TXN_DEL, handler: txnDel, idKeys: [] },
  TxnVoidRq: { kind: 'TxnVoid', op: 'Mod', content: TXN_VOID, handler: txnVoid, idKeys: [] },
  TxnDeletedQueryRq: { kind: 'TxnDeleted', op: 'Query', content: TXN_DELETED_QUERY, handler: txnDeletedQuery, idKeys: [] },
};

/** The request types this company answers; anything else is unknown to the schema (a parse error). */
const route = (name: string): Route | undefined => {
  const special = SPECIAL[name];
  if (special) return special;
  const match = /^(\w+?)(Add|Mod|Query)Rq$/.exec(name);
  if (!match) return undefined;
  const [, kind = '', op] = match;
  const list = LIST_SPECS[kind];
  const txn = TXN_SPECS[kind];
  if (op === 'Query') {
    if (list) return { kind, op, content: LIST_QUERY, handler: listQuery, idKeys: ['ListID', 'FullName'] };
    if (txn) return { kind, op, content: txnQueryFor(kind), handler: txnQuery, idKeys: ['TxnID', 'RefNumber', 'RefNumberCaseSensitive'] };
    return undefined;
  }
  const body = op === 'Add' ? (list?.add ?? txn?.add) : (list?.mod ?? txn?.mod);
  if (!body) return undefined;
  const handler = op === 'Add' ? (list ? listAdd : txnAdd) : (list ? listMod : txnMod);
  return { kind, op: op as 'Add' | 'Mod', content: [{ ...group(`${kind}${op}`, body), req: true }, INCLUDE], handler, idKeys: [] };
};

const ITERATOR = new Set(['Start', 'Continue', 'Stop']);

const validateRequest = (rq: XmlNode, version: number): Route => {
  const r = route(rq.name);
  if (!r) throw new QbParseError(`Unknown request ${rq.name}.`);
  validateSequence(rq, r.content, version, rq.name);
  const iterator = rq.attrs['iterator'];
  if (iterator !== undefined) {
    if (r.op !== 'Query' || r.idKeys.length === 0 || !ITERATOR.has(iterator)) throw new QbParseError(`Invalid iterator on ${rq.name}.`);
    if (iterator !== 'Start' && !rq.attrs['iteratorID']) throw new QbParseError(`iterator="${iterator}" needs iteratorID on ${rq.name}.`);
  }
  // ListID*/FullName* (or TxnID*/RefNumber*) is a choice against the filters, not a sequence with them.
  const byId = rq.children.some((c) => r.idKeys.includes(c.name));
  const keys = new Set(rq.children.filter((c) => r.idKeys.includes(c.name)).map((c) => c.name));
  const filters = rq.children.some((c) => !r.idKeys.includes(c.name) && !['IncludeRetElement', 'OwnerID', 'IncludeLineItems', 'IncludeLinkedTxns'].includes(c.name));
  if (keys.size > 1 || (byId && filters) || (byId && iterator !== undefined)) throw new QbParseError(`${rq.name} mixes ID lookups with filters.`);
  if (rq.children.some((c) => c.name === 'ModifiedDateRangeFilter') && rq.children.some((c) => c.name === 'TxnDateRangeFilter')) {
    throw new QbParseError(`${rq.name} may have ModifiedDateRangeFilter or TxnDateRangeFilter, not both.`);
  }
  const payment = rq.name === 'ReceivePaymentAddRq' ? rq.children[0] : undefined;
  if (payment && payment.children.some((c) => c.name === 'IsAutoApply') === payment.children.some((c) => c.name === 'AppliedToTxnAdd')) {
    throw new QbParseError('ReceivePaymentAdd needs IsAutoApply or AppliedToTxnAdd (one of them).');
  }
  const check = rq.name === 'BillPaymentCheckAddRq' ? rq.children[0] : undefined;
  if (check && check.children.some((c) => c.name === 'IsToBePrinted') && check.children.some((c) => c.name === 'RefNumber')) {
    throw new QbParseError('BillPaymentCheckAdd takes IsToBePrinted or RefNumber, not both.');
  }
  if (rq.children.some((c) => c.name === 'NameFilter') && rq.children.some((c) => c.name === 'NameRangeFilter')) {
    throw new QbParseError(`${rq.name} may have NameFilter or NameRangeFilter, not both.`);
  }
  return r;
};

export type ProcessResult =
  | { readonly kind: 'response'; readonly xml: string }
  | { readonly kind: 'parse-error'; readonly hresult: string; readonly message: string };

const VERSION = /^(\d+)\.(\d+)$/;

/**
 * Runs one qbXML request document against the company, as QuickBooks' request processor does:
 * the whole document is schema-checked first (any fault ⇒ HRESULT 0x80040400, nothing runs),
 * then requests run in order, each with its own status; stopOnError stops after the first
 * error and leaves the rest unanswered (the stricter reading of qbd.md's unconfirmed 530/3231).
 */
export const processQbxml = (ctx: Omit<RequestContext, 'version'>, text: string, maxVersion: number): ProcessResult => {
  try {
    const doc = parseXml(text);
    if (!doc) throw new QbParseError('The document is not well-formed XML.');
    const versionText = doc.instructions['qbxml']?.['version'] ?? '';
    if (!VERSION.test(versionText) || !SUPPORTED_VERSIONS.includes(versionText)) throw new QbParseError(`Missing or unknown <?qbxml version="${versionText}"?>.`);
    const version = Number(versionText);
    if (version > maxVersion) throw new QbParseError(`qbXML ${versionText} is newer than this QuickBooks supports (${maxVersion.toFixed(1)}).`);
    const root = doc.roots[0];
    const msgs = root?.children[0];
    if (doc.roots.length !== 1 || root?.name !== 'QBXML' || root.children.length !== 1 || msgs?.name !== 'QBXMLMsgsRq') {
      throw new QbParseError('The document must be <QBXML><QBXMLMsgsRq>.');
    }
    const onError = msgs.attrs['onError'];
    if (onError !== 'stopOnError' && onError !== 'continueOnError') throw new QbParseError('QBXMLMsgsRq needs onError="stopOnError" or "continueOnError".');
    const full: RequestContext = { ...ctx, version };
    const routes = msgs.children.map((rq) => validateRequest(rq, version));
    const responses: XmlNode[] = [];
    for (const [index, rq] of msgs.children.entries()) {
      const r = routes[index] as Route;
      const rs = runOne(full, r, rq);
      responses.push(rs);
      if (onError === 'stopOnError' && rs.attrs['statusSeverity'] === 'Error') break;
    }
    const xml = `<?xml version="1.0" ?>\n${buildXml([el('QBXML', [el('QBXMLMsgsRs', responses)])])}`;
    return { kind: 'response', xml };
  } catch (error) {
    if (error instanceof QbParseError) return { kind: 'parse-error', hresult: error.hresult, message: error.message };
    throw error;
  }
};

const runOne = (ctx: RequestContext, r: Route, rq: XmlNode): XmlNode => {
  const rsName = rq.name.replace(/Rq$/, 'Rs');
  const base: Record<string, string> = rq.attrs['requestID'] !== undefined ? { requestID: rq.attrs['requestID'] } : {};
  try {
    const result = r.handler(ctx, r.kind, rq);
    const status = result.status;
    return el(rsName, [...result.rets], {
      ...base,
      statusCode: String(status?.code ?? 0), statusSeverity: status?.severity ?? 'Info', statusMessage: status?.message ?? STATUS_OK,
      ...(r.op === 'Query' && r.idKeys.length > 0 ? { retCount: String(result.rets.length) } : {}),
      ...result.attrs,
    });
  } catch (error) {
    if (!(error instanceof QbStatus)) throw error;
    return el(rsName, [], { ...base, statusCode: String(error.code), statusSeverity: error.severity, statusMessage: error.message });
  }
};
