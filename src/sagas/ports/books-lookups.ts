import type { BooksLookups } from '../../domain/books/index.js';
import type { PrimeContractReader } from '../../adapters/pipeline/construction-side.token.js';

export type { PrimeContractReader } from '../../adapters/pipeline/construction-side.token.js';

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
