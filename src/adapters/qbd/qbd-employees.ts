import { BooksLookupUnavailableError, type BooksCall } from '../../domain/books/index.js';
import type { EmployeeLink } from '../../domain/timecards/index.js';
import type { RunOperation } from './qbd-estimates.js';
import { retText } from './qbxml/qbxml-document.js';
import { el, leaf } from './qbxml/qbxml-node.js';
import type { QbdOperation } from './qbxml/requests.js';

/** The employee of that name (EmployeeRet has Name, no FullName; the query takes FullName). */
const employeeLookupOperation = (name: string): QbdOperation => ({
  label: `employee ${name}`, write: null, probeFirst: true, match: { by: 'any' },
  probe: el('EmployeeQueryRq', [leaf('FullName', name)]),
});

/**
 * A Procore worker's QuickBooks Desktop employee, by name, looked up through the Web Connector.
 * Not answered yet is a passing outage to the saga (it retries); none, or an inactive one, is
 * null (the timecard parks naming the worker). QuickBooks Desktop keeps pay rates in payroll
 * items the hub does not read, so the cost rate comes from the mapping's labourRates.
 */
export const findQbdEmployee = async (run: RunOperation, connection: string, name: string, now: string): Promise<EmployeeLink | null> => {
  // Asked afresh each day: an employee the bookkeeper adds later is found then.
  const call: BooksCall = { connection, idempotencyKey: `lookup:employee:${name}:${now.slice(0, 10)}`, signal: new AbortController().signal };
  const found = await run(call, employeeLookupOperation(name), (ret) => ({ ok: true, value: ret }));
  if (!found.ok) {
    if (found.kind === 'throttled') throw new BooksLookupUnavailableError(`QuickBooks Desktop employee ${name}`, `waiting for a Web Connector session (asked ${now})`);
    return null;
  }
  if (!found.value || retText(found.value, 'IsActive') === 'false') return null;
  return { employeeRef: { value: retText(found.value, 'ListID'), name: retText(found.value, 'Name') }, billRate: null, costRate: null };
};
