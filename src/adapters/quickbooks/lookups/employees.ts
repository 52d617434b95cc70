import type { BooksRef } from '../../../domain/shared/books-ref.js';
import { formatMoney } from '../../../domain/shared/money.js';
import type { EmployeeLink } from '../../../domain/timecards/index.js';
import type { QuickBooksClient } from '../quickbooks-client.js';
import { centsFromWire } from '../outbound/books-body.js';
import { queryBooks } from './books-query.js';

/** An Employee's BillRate or CostRate as a decimal string, read exactly (the one wire-to-cents conversion). */
const rateOf = (value: unknown): string | null => {
  const rate = centsFromWire(value);
  return rate !== undefined && rate > 0 ? formatMoney(rate) : null;
};

/** The active Employee with this DisplayName (the oldest, when several), and the rates its hours bill and cost at. */
export const findEmployee = async (client: QuickBooksClient, name: string): Promise<EmployeeLink | null> => {
  const employee = (await queryBooks(client, 'Employee', 'DisplayName', [name])).find((e) => e.Active !== false);
  if (!employee) return null;
  const employeeRef: BooksRef = { value: String(employee.Id), name: typeof employee.DisplayName === 'string' ? employee.DisplayName : name };
  return { employeeRef, billRate: rateOf(employee.BillRate), costRate: rateOf(employee.CostRate) };
};

/** The oldest Estimate numbered (DocNumber) with one of `numbers`. */
export const findEstimate = async (client: QuickBooksClient, numbers: readonly string[]): Promise<{ readonly estimateId: string } | null> => {
  if (numbers.length === 0) return null;
  const estimate = (await queryBooks(client, 'Estimate', 'DocNumber', numbers))[0];
  return estimate ? { estimateId: String(estimate.Id) } : null;
};
