import type { BooksPort, BooksPorts, BooksSystem } from '../../../domain/books/index.js';

/**
 * The port for a connection, chosen by the system its books are kept in (the connection's
 * `accounting.system`). Each system's posting module registers its port at start-up
 * (QuickBooks Online's PostingModule, Xero's XeroPostingModule), so this folder names no vendor.
 */
export class BooksPortDirectory implements BooksPorts {
  private readonly adapters: Partial<Record<BooksSystem, BooksPort>>;

  constructor(
    private readonly systemOf: (connection: string) => BooksSystem | undefined,
    adapters: Partial<Record<BooksSystem, BooksPort>> = {},
  ) {
    this.adapters = { ...adapters };
  }

  register(port: BooksPort): void {
    this.adapters[port.system] = port;
  }

  for(connection: string): BooksPort | undefined {
    const system = this.systemOf(connection);
    return system === undefined ? undefined : this.adapters[system];
  }
}
