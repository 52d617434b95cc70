import type { BooksPort, BooksPorts, BooksSystem } from '../../../domain/books/index.js';

/**
 * The port for a connection, chosen by the system its books are kept in (the connection's
 * `accounting.system`): adding Xero or QuickBooks Desktop is one more entry here.
 */
export class BooksPortDirectory implements BooksPorts {
  constructor(
    private readonly systemOf: (connection: string) => BooksSystem | undefined,
    private readonly adapters: Partial<Record<BooksSystem, BooksPort>>,
  ) {}

  for(connection: string): BooksPort | undefined {
    const system = this.systemOf(connection);
    return system === undefined ? undefined : this.adapters[system];
  }
}
