import type { BooksChart, ChartEntry } from '../../domain/mapping/index.js';
import { readClassTracking } from './company-preferences.js';
import type { QuickBooksClient } from './quickbooks-client.js';
import { ChartUnavailableError, type ChartOfAccountsSource } from '../mapping/chart-of-accounts.js';

/** The QuickBooks client of a connection, or undefined when its books are not QuickBooks Online. */
export type QuickBooksClientFor = (connection: string) => QuickBooksClient | undefined;

const PAGE = 1000; // the query endpoint's MAXRESULTS ceiling (facts §3)

type Row = Readonly<Record<string, unknown>>;

/** Customers are named by DisplayName; accounts, items and classes by Name (what a ref's name must equal). */
const entryOf = (entity: string) => (row: Row): ChartEntry => ({
  id: String(row.Id ?? ''),
  name: String((entity === 'Customer' ? row.DisplayName : row.Name) ?? ''),
  active: row.Active !== false,
});

/**
 * The chart read with the query endpoint. Name-list queries return active objects only unless
 * they filter on Active, so `Active IN (true, false)` brings the inactive ones too; pages are
 * read while full (STARTPOSITION is 1-based).
 */
export class QuickBooksChartSource implements ChartOfAccountsSource {
  constructor(private readonly clientFor: QuickBooksClientFor) {}

  async load(connection: string): Promise<BooksChart> {
    const client = this.clientFor(connection);
    if (!client) throw new ChartUnavailableError(connection, 'its books are not QuickBooks Online (only a QuickBooks chart can be read so far)');
    const [[accounts, items, classes, customers], tracking] = await Promise.all([
      Promise.all(['Account', 'Item', 'Class', 'Customer'].map((entity) => this.all(client, connection, entity))),
      readClassTracking(client),
    ]);
    return {
      accounts: accounts ?? [], items: items ?? [], classes: classes ?? [], customers: customers ?? [],
      // Unread preferences only cost the class warning; the refs are still checked.
      ...(tracking.ok ? { classTracking: tracking.body } : {}),
    };
  }

  private async all(client: QuickBooksClient, connection: string, entity: string): Promise<ChartEntry[]> {
    const entries: ChartEntry[] = [];
    for (let start = 1; ; start += PAGE) {
      const query = `select * from ${entity} where Active in (true, false) startposition ${start} maxresults ${PAGE}`;
      const result = await client.send<{ QueryResponse?: Record<string, unknown> }>('GET', '/query', { query: { query } });
      if (!result.ok) throw new ChartUnavailableError(connection, `${entity} query failed: ${result.error.message}`);
      const rows = result.body.QueryResponse?.[entity];
      // An empty answer has no entity key at all (facts §3).
      const page = Array.isArray(rows) ? (rows as Row[]) : [];
      entries.push(...page.map(entryOf(entity)));
      if (page.length < PAGE) return entries;
    }
  }
}
