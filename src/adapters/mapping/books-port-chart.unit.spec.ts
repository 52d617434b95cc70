import { describe, expect, it } from 'vitest';
import type { BooksPort, BooksPorts } from '../../domain/books/index.js';
import type { BooksChart } from '../../domain/mapping/index.js';
import { BooksPortChartSource } from './books-port-chart.js';
import { ChartUnavailableError } from './chart-of-accounts.js';

const CHART: BooksChart = { accounts: [{ id: '7', name: 'Job Materials', active: true }], items: [], classes: [], customers: [] };

/** A port that reads only its own connection's chart. */
const portsOf = (asked: string[]): BooksPorts => ({
  for: (connection) => (connection === 'acme'
    ? ({ readChart: async (c: string) => { asked.push(c); return CHART; } } as unknown as BooksPort)
    : undefined),
});

describe('the chart through the books port', () => {
  it('reads the connection\'s chart from its own port', async () => {
    const asked: string[] = [];
    expect(await new BooksPortChartSource(portsOf(asked)).load('acme')).toBe(CHART);
    expect(asked).toEqual(['acme']);
  });

  it('is unavailable, naming the connection, when no port serves its books', async () => {
    const asked: string[] = [];
    const loading = new BooksPortChartSource(portsOf(asked)).load('elsewhere');
    await expect(loading).rejects.toBeInstanceOf(ChartUnavailableError);
    await expect(loading).rejects.toThrow(/connection elsewhere/);
    expect(asked).toEqual([]);
  });
});
