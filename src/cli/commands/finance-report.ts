import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand } from '../command.js';
import { HubClient } from '../hub-client.js';

type Values = Parameters<CliCommand['run']>[0]['values'];

/** The options every `finance` report takes: a connection, perhaps one project, JSON or a table. */
export const FINANCE_REPORT_OPTIONS = { ...HUB_OPTIONS, connection: { type: 'string' }, project: { type: 'string' }, json: { type: 'boolean' } } as const;

export const FINANCE_REPORT_HELP = `  --connection NAME  the connection
  --project ID       one project (default: every project of the connection)
  --json             print the answer as JSON
${HUB_OPTIONS_HELP}

Money in decimal strings. Needs a finance (or admin) key. Exit status: 0 shown, 2 unknown
connection or project, or bad arguments.`;

/** Asks the hub for a finance report of `--connection` (and `--project`); the hub's 404 names what is unknown. */
export const fetchFinanceReport = async <T>(route: string, positionals: readonly string[], values: Values): Promise<{ connection: string; answer: T }> => {
  if (positionals.length > 0) throw new CliUsageError('no positional arguments: use --connection and --project');
  if (typeof values.connection !== 'string') throw new CliUsageError('--connection is required');
  const hub = new HubClient({ url: String(values.url ?? ''), key: typeof values.key === 'string' ? values.key : undefined });
  const query = new URLSearchParams({ connection: values.connection, ...(typeof values.project === 'string' ? { project: values.project } : {}) });
  return { connection: values.connection, answer: await hub.request<T>('GET', `${route}?${query.toString()}`) };
};

/** Labelled rows with money right-aligned under each heading, as a bookkeeper reads a ledger. */
export const ledger = <R>(
  firstHeading: string, minFirstWidth: number, columns: ReadonlyArray<readonly [keyof R, string]>, rows: ReadonlyArray<readonly [string, R]>,
): string[] => {
  const first = Math.max(minFirstWidth, ...rows.map(([label]) => label.length));
  const widths = columns.map(([key, heading]) => Math.max(heading.length, ...rows.map(([, r]) => String(r[key]).length)));
  const row = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(first) : cell.padStart(widths[i - 1]!))).join('  ');
  return [row([firstHeading, ...columns.map(([, heading]) => heading)]), ...rows.map(([label, r]) => row([label, ...columns.map(([key]) => String(r[key]))]))];
};
