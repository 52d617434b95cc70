import type { BooksChart } from '../../domain/mapping/index.js';
import type { BooksPorts } from '../../domain/books/index.js';
import { BOOKS_PORTS } from '../pipeline/books-outbound/books-ports.token.js';
import { ChartUnavailableError, type ChartOfAccountsSource } from './chart-of-accounts.js';
import type { ChartSourceFactory } from './mapping.module.js';

/**
 * The chart as the connection's books port reads it (`readChart`), whatever system keeps its
 * books: the mapping names no vendor, and a system that implements the port brings its chart.
 */
export class BooksPortChartSource implements ChartOfAccountsSource {
  constructor(private readonly ports: BooksPorts) {}

  async load(connection: string): Promise<BooksChart> {
    const port = this.ports.for(connection);
    if (!port) throw new ChartUnavailableError(connection, 'no books adapter serves its books system, so its chart cannot be read');
    return port.readChart(connection);
  }
}

/** MappingModule's `chart` for the hub: the books ports (BOOKS_PORTS, global, PostingModule's). */
export const chartFromBooksPorts: ChartSourceFactory = {
  inject: [BOOKS_PORTS],
  useFactory: (ports: BooksPorts) => new BooksPortChartSource(ports),
};
