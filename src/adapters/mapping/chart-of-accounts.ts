import type { BooksChart } from '../../domain/mapping/index.js';

/**
 * The books' live chart for a connection: accounts, items, classes and customers, inactive
 * ones included (so a check can say "inactive" rather than "does not exist").
 * The hub reads it through the connection's books port (BooksPortChartSource, `readChart`).
 */
export interface ChartOfAccountsSource {
  load(connection: string): Promise<BooksChart>;
}

export const CHART_OF_ACCOUNTS = Symbol('ChartOfAccountsSource');

/** The chart could not be read (books unreachable, reconnect needed, no source): the check can't be done. */
export class ChartUnavailableError extends Error {
  constructor(readonly connection: string, reason: string) {
    super(`the books' chart of connection ${connection} could not be loaded: ${reason}`);
    this.name = 'ChartUnavailableError';
  }
}

/** Where no chart source is composed: checks report that they could not look at the books. */
export const noChartSource: ChartOfAccountsSource = {
  load: (connection) => Promise.reject(new ChartUnavailableError(connection, 'no chart source is configured for the hub')),
};
