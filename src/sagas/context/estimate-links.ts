import { BooksLookupUnavailableError } from '../../domain/books/index.js';
import { clientOr, type LookupClients } from '../ports/books-lookups.js';

/**
 * Prime contract -> the estimate in the books that holds its schedule of values. A bookkeeper
 * numbers that estimate after the contract (Procore's prime contract number, e.g. "PC-001"), so
 * it is found by number through the books port; the Procore id is accepted too. None found:
 * the change-order saga records its estimate step as skipped. Found links are kept for the
 * life of the process.
 */
export class EstimateLinks {
  private readonly found = new Map<string, { readonly estimateId: string }>();

  constructor(private readonly clients: LookupClients) {}

  async lookup(connection: string, projectId: string, primeContractId: string): Promise<{ readonly estimateId: string } | null> {
    const key = `${connection}|${primeContractId}`;
    const known = this.found.get(key);
    if (known) return known;
    const books = clientOr(() => this.clients.books(connection));
    if (!books) return null;
    const number = await this.contractNumber(connection, projectId, primeContractId);
    const link = await books.findEstimate(connection, [...(number ? [number] : []), primeContractId]);
    if (link) this.found.set(key, link);
    return link;
  }

  private async contractNumber(connection: string, projectId: string, primeContractId: string): Promise<string | null> {
    const procore = clientOr(() => this.clients.procore(connection));
    if (!procore) return null;
    const result = await procore.getPrimeContract(projectId, primeContractId);
    if (!result.ok) {
      if (result.error.retryable) throw new BooksLookupUnavailableError(`reading prime contract ${primeContractId}`, result.error.message);
      return null;
    }
    const number = (result.body as { number?: unknown }).number;
    return typeof number === 'string' && number.trim() !== '' ? number.trim() : null;
  }
}
