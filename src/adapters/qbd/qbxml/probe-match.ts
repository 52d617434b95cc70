import { retText, type QbxmlResponse } from './qbxml-document.js';
import type { ProbeMatch } from './requests.js';

type Ret = Record<string, unknown>;

const parentOf = (ret: Ret): { listId: string; fullName: string } => {
  const parent = (ret.ParentRef ?? {}) as Ret;
  return { listId: retText(parent, 'ListID'), fullName: retText(parent, 'FullName') };
};

/** Whether one returned object is what the operation wrote (or, for find-or-create, what it would have). */
const matches = (match: ProbeMatch, ret: Ret): boolean => {
  switch (match.by) {
    case 'memo-marker': return retText(ret, match.field ?? 'Memo').startsWith(match.marker);
    case 'name': return retText(ret, 'Name').toLowerCase() === match.name.toLowerCase();
    case 'job': {
      const parent = parentOf(ret);
      return retText(ret, 'Name').toLowerCase() === match.name.toLowerCase() && (parent.listId === match.parent || parent.fullName === match.parent);
    }
    case 'field': return retText(ret, match.field) === match.value;
    case 'gone': return false;
    case 'all': return true;
  }
};

/**
 * The object a probe found, null when it found none. "No match" (1) and "some not found" (500)
 * are empty answers, not errors (qbd §6); any other non-zero status is the probe's own failure.
 */
export const probeResult = (match: ProbeMatch, response: QbxmlResponse): { found: Ret | null } | { error: QbxmlResponse } => {
  // A deletion is found done when the query by its TxnID finds nothing (500: not found).
  if (match.by === 'gone') {
    if (response.statusCode === 1 || response.statusCode === 500) return { found: { TxnID: match.txnId } };
    return response.statusCode === 0 ? { found: response.rets.some((r) => retText(r, 'TxnID') === match.txnId) ? null : { TxnID: match.txnId } } : { error: response };
  }
  if (response.statusCode === 1 || response.statusCode === 500) return { found: null };
  if (response.statusCode !== 0) return { error: response };
  return { found: response.rets.find((ret) => matches(match, ret)) ?? null };
};
