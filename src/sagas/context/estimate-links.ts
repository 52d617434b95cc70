import { clientOr, LookupUnavailableError, queryBooks, type LookupClients } from './books-lookups.js';

/**
 * Prime contract -> the Estimate in the books that holds its schedule of values. A bookkeeper
 * numbers that Estimate after the contract (Procore's prime contract number, e.g. "PC-001"), so
 * it is found by DocNumber; the Procore id is accepted too. None found: the change-order saga
 * records its Estimate step as skipped. Found links are kept for the life of the process.
 */
export class EstimateLinks {
  private readonly found = new Map<string, { readonly estimateId: string }>();

  constructor(private readonly clients: LookupClients) {}

  async lookup(connection: string, projectId: string, primeContractId: string): Promise<{ readonly estimateId: string } | null> {
    const key = `${connection}|${primeContractId}`;
    const known = this.found.get(key);
    if (known) return known;
    const client = clientOr(() => this.clients.quickBooks(connection));
    if (!client) return null;
    const number = await this.contractNumber(connection, projectId, primeContractId);
    const estimate = (await queryBooks(client, 'Estimate', 'DocNumber', [...(number ? [number] : []), primeContractId]))[0];
    if (!estimate) return null;
    const link = { estimateId: String(estimate.Id) };
    this.found.set(key, link);
    return link;
  }

  private async contractNumber(connection: string, projectId: string, primeContractId: string): Promise<string | null> {
    const procore = clientOr(() => this.clients.procore(connection));
    if (!procore) return null;
    const result = await procore.getPrimeContract(projectId, primeContractId);
    if (!result.ok) {
      if (result.error.retryable) throw new LookupUnavailableError(`reading prime contract ${primeContractId}`, result.error);
      return null;
    }
    const number = (result.body as { number?: unknown }).number;
    return typeof number === 'string' && number.trim() !== '' ? number.trim() : null;
  }
}
