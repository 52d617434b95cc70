import type { BooksChart } from '../../domain/mapping/index.js';
import { ChartUnavailableError, type ChartOfAccountsSource } from '../mapping/chart-of-accounts.js';
import type { XeroClient } from './xero-client.js';
import { readXeroChart } from './xero-chart.js';

/** The Xero client of a connection, or undefined when its books are not Xero. */
export type XeroClientFor = (connection: string) => XeroClient | undefined;

/** `mapping check`'s chart for a connection whose books are Xero (see readXeroChart). */
export class XeroChartSource implements ChartOfAccountsSource {
  constructor(private readonly clientFor: XeroClientFor) {}

  async load(connection: string): Promise<BooksChart> {
    const client = this.clientFor(connection);
    if (!client) throw new ChartUnavailableError(connection, 'its books are not Xero');
    const read = await readXeroChart(client);
    if (!read.ok) throw new ChartUnavailableError(connection, `the Xero settings could not be read: ${read.error.message}`);
    return read.body;
  }
}
