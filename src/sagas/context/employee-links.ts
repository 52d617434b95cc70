import type { EmployeeLink } from '../../domain/timecards/index.js';
import { clientOr, type LookupClients } from '../ports/books-lookups.js';

/**
 * Procore worker (timecard party) -> books employee, matched by display name, the way a
 * bookkeeper would recognise them, through the books port. Found links are kept for the life
 * of the process; a miss is asked again next time, so adding the employee in the books is
 * enough (then retry the park).
 */
export class EmployeeLinks {
  private readonly found = new Map<string, EmployeeLink>();

  constructor(private readonly clients: LookupClients) {}

  async lookup(connection: string, employeeId: string, employeeName: string): Promise<EmployeeLink | null> {
    const key = `${connection}|${employeeId}`;
    const known = this.found.get(key);
    if (known) return known;
    const books = clientOr(() => this.clients.books(connection));
    const name = employeeName.trim();
    if (!books || name === '') return null;
    const link = await books.findEmployee(connection, name);
    if (link) this.found.set(key, link);
    return link;
  }
}
