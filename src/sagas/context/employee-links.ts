import type { BooksRef } from '../../domain/shared/books-ref.js';
import type { EmployeeLink } from '../../domain/timecards/index.js';
import { clientOr, queryBooks, type LookupClients } from './books-lookups.js';
import { centsFromWire } from '../../adapters/quickbooks/outbound/books-body.js';
import { formatMoney } from '../../domain/shared/money.js';

/** An Employee's BillRate or CostRate as a decimal string, read exactly (the one wire-to-cents conversion). */
const rateOf = (value: unknown): string | null => {
  const rate = centsFromWire(value);
  return rate !== undefined && rate > 0 ? formatMoney(rate) : null;
};

/**
 * Procore worker (timecard party) -> books Employee, matched by display name, the way a
 * bookkeeper would recognise them. Found links are kept for the life of the process; a miss is
 * asked again next time, so adding the employee in the books is enough (then retry the park).
 */
export class EmployeeLinks {
  private readonly found = new Map<string, EmployeeLink>();

  constructor(private readonly clients: LookupClients) {}

  async lookup(connection: string, employeeId: string, employeeName: string): Promise<EmployeeLink | null> {
    const key = `${connection}|${employeeId}`;
    const known = this.found.get(key);
    if (known) return known;
    const client = clientOr(() => this.clients.quickBooks(connection));
    const name = employeeName.trim();
    if (!client || name === '') return null;
    const matches = await queryBooks(client, 'Employee', 'DisplayName', [name]);
    const employee = matches.find((e) => e.Active !== false) ?? null;
    if (employee === null) return null;
    const employeeRef: BooksRef = { value: String(employee.Id), name: typeof employee.DisplayName === 'string' ? employee.DisplayName : name };
    const link: EmployeeLink = { employeeRef, billRate: rateOf(employee.BillRate), costRate: rateOf(employee.CostRate) };
    this.found.set(key, link);
    return link;
  }
}
