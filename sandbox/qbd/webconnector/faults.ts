/**
 * Fault switches of the Web Connector simulator: what goes wrong on a bookkeeper's PC. Counted
 * faults fire on the next `count` matching exchanges and are then spent.
 */
export interface ConnectionFailure {
  readonly hresult: string;
  readonly message: string;
}

/** HRESULTs of QBXMLRP2 (Intuit's "Supporting your user" list; 0x80040420 is also in qbd.md). */
export const QUICKBOOKS_NOT_RUNNING: ConnectionFailure = { hresult: '0x80040408', message: 'Could not start QuickBooks.' };
export const WRONG_COMPANY_FILE: ConnectionFailure = { hresult: '0x80040403', message: 'Could not open the specified QuickBooks company data file.' };
export const ACCESS_DENIED: ConnectionFailure = { hresult: '0x80040420', message: 'The QuickBooks user has denied access.' };
export const PARSE_ERROR: ConnectionFailure = { hresult: '0x80040400', message: 'QuickBooks found an error when parsing the provided XML text stream.' };

export interface WebConnectorFaults {
  /** QuickBooks cannot be reached at all (closed, unattended access off, or access denied): connectionError. */
  connectionFailure?: ConnectionFailure;
  /** The bookkeeper typed a different password into the Web Connector. */
  wrongPassword?: boolean;
  /** The session dies after sendRequestXML handed out a request, before QuickBooks ran it. */
  dieBeforeApply?: number;
  /** QuickBooks applies the request, then the session dies before receiveResponseXML: the ambiguous case. */
  dieAfterApply?: number;
  /** receiveResponseXML carries an HRESULT and message instead of a response (the request is not run). */
  errorResponse?: { count: number; failure: ConnectionFailure };
  /** receiveResponseXML carries text that is not qbXML (after the request was run). */
  malformedResponse?: number;
  /** Added before every receiveResponseXML: a slow company file. */
  delayMs?: number;
  /** The next writes fail with status 3180 (the list is being modified by another user). */
  lockedWrites?: number;
}

/** Takes one use of a counted fault; true when it fires. */
export const spend = (faults: WebConnectorFaults, key: 'dieBeforeApply' | 'dieAfterApply' | 'malformedResponse'): boolean => {
  const left = faults[key] ?? 0;
  if (left <= 0) return false;
  faults[key] = left - 1;
  return true;
};
