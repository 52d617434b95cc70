import type { BooksLookups } from '../../domain/books/index.js';

/** A prime contract read from the construction side (`ProcoreClient` satisfies it). */
export interface PrimeContractReader {
  getPrimeContract(projectId: string, primeContractId: string): Promise<
    { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly error: { readonly retryable: boolean; readonly message: string } }
  >;
}

/**
 * What the project sagas look up outside the store while deciding: the connection's books
 * through the books port (whatever system keeps them), and a prime contract's number. An
 * unknown connection may throw; the lookups take that as "nothing to look in".
 */
export interface LookupClients {
  books(connection: string): BooksLookups | undefined;
  procore(connection: string): PrimeContractReader;
}

export const clientOr = <T>(make: () => T | undefined): T | undefined => {
  try {
    return make();
  } catch {
    return undefined;
  }
};
