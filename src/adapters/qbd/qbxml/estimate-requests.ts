import type { EstimateAmendment } from '../../../domain/books/index.js';
import type { SalesLine } from '../../../domain/owner-invoices/sales-lines.js';
import { formatMoney } from '../../../domain/shared/money.js';
import { retText } from './qbxml-document.js';
import { el, leaf, type QbxmlNode } from './qbxml-node.js';
import { EDIT_SEQUENCE, MAX, type QbdOperation, type QbdWriteOperation } from './requests.js';
import { salesLineChildren } from './sales-requests.js';

type Ret = Readonly<Record<string, unknown>>;

/** An estimate's RefNumber holds 11 characters (as an invoice's, qbd §5.2). */
const ESTIMATE_NUMBER_MAX = 11;

const linesOf = (ret: Ret): Ret[] => (Array.isArray(ret.EstimateLineRet) ? (ret.EstimateLineRet as Ret[]) : []);

const refValue = (line: Ret): string => {
  const item = (line.ItemRef ?? {}) as Ret;
  return `${retText(item, 'ListID')}|${retText(item, 'FullName')}`;
};

/** A line as QuickBooks returns it is the line sent: same text, amount and item (by ListID or FullName). */
const sameLine = (line: Ret | undefined, wanted: SalesLine): boolean => {
  if (!line || retText(line, 'Desc') !== wanted.description.slice(0, MAX.desc)) return false;
  if (wanted.kind === 'description') return !line.ItemRef;
  return retText(line, 'Amount') === formatMoney(wanted.amount) && refValue(line).split('|').includes(wanted.itemRef.value);
};

/**
 * The amendment's lines in force on the estimate, and their TxnLineIDs: none of the replaced
 * lines left, and its lines there in a row. Undefined when it has not happened.
 */
export const appliedEstimateLines = (ret: Ret, amendment: Pick<EstimateAmendment, 'replaceLineIds' | 'lines'>): string[] | undefined => {
  const lines = linesOf(ret);
  if (lines.some((l) => amendment.replaceLineIds.includes(retText(l, 'TxnLineID')))) return undefined;
  for (let start = lines.length - amendment.lines.length; start >= 0; start--) {
    if (amendment.lines.every((w, i) => sameLine(lines[start + i], w))) return lines.slice(start, start + amendment.lines.length).map((l) => retText(l, 'TxnLineID'));
  }
  return undefined;
};

/** The estimate holding a prime contract's schedule of values, by any of its numbers (the first QuickBooks returns). */
export const estimateLookupOperation = (numbers: readonly string[]): QbdOperation => ({
  label: `estimate ${numbers.join(' or ')}`, write: null, probeFirst: true, match: { by: 'any' },
  probe: el('EstimateQueryRq', numbers.map((n) => leaf('RefNumber', n.slice(0, ESTIMATE_NUMBER_MAX)))),
});

/** The estimate as QuickBooks holds it now, lines and EditSequence included: what an amendment is built on. */
export const estimateReadOperation = (estimateId: string): QbdOperation => ({
  label: `estimate ${estimateId}`, write: null, probeFirst: true, match: { by: 'any' },
  probe: el('EstimateQueryRq', [leaf('TxnID', estimateId), leaf('IncludeLineItems', 'true')]),
});

/**
 * A change order's lines on the contract's estimate (EstimateMod at the EditSequence read): the
 * lines kept are named by TxnLineID alone (unchanged), the new ones are -1, the replaced ones
 * are left out (so removed). Other change orders write the same estimate, so a stale
 * EditSequence starts over from a fresh read (`restartOnStale`) instead of re-sending this body.
 */
export const estimateAmendOperation = (estimateId: string, read: Ret, amendment: EstimateAmendment): QbdWriteOperation => {
  const kept = linesOf(read).map((l) => retText(l, 'TxnLineID')).filter((id) => id && !amendment.replaceLineIds.includes(id));
  const write = el('EstimateModRq', [el('EstimateMod', [
    leaf('TxnID', estimateId), leaf(EDIT_SEQUENCE, retText(read, 'EditSequence')),
    ...kept.map((id) => el('EstimateLineMod', [leaf('TxnLineID', id)])),
    ...amendment.lines.map((l) => el('EstimateLineMod', [leaf('TxnLineID', '-1') as QbxmlNode, ...salesLineChildren(l)])),
  ])]);
  return {
    label: `estimate ${estimateId} (change order lines)`, write, probeFirst: false, restartOnStale: true,
    probe: el('EstimateQueryRq', [leaf('TxnID', estimateId), leaf('IncludeLineItems', 'true')]),
    match: { by: 'estimate-lines', replaceLineIds: amendment.replaceLineIds, lines: amendment.lines },
  };
};
