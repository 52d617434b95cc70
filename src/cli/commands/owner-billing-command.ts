import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand } from '../command.js';
import { HubClient } from '../hub-client.js';

interface Line {
  readonly projectId: string;
  readonly costCode: string | null;
  readonly billed: string;
  readonly retainageReceivable: string;
  readonly net: string;
  readonly received: string;
  readonly outstanding: string;
  readonly inBooks: string;
  readonly difference: string;
}

const COLUMNS: ReadonlyArray<readonly [keyof Line, string]> = [
  ['billed', 'billed'], ['retainageReceivable', 'retainage'], ['net', 'net'], ['received', 'received'], ['outstanding', 'outstanding'],
  ['inBooks', 'in AR'], ['difference', 'difference'],
];

/** Money right-aligned under its heading, as a bookkeeper reads a ledger. */
const table = (lines: readonly Line[]): string[] => {
  const label = (l: Line) => `${l.projectId} ${l.costCode ?? 'total'}`;
  const first = Math.max(16, ...lines.map((l) => label(l).length));
  const widths = COLUMNS.map(([key, heading]) => Math.max(heading.length, ...lines.map((l) => String(l[key]).length)));
  const row = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(first) : c.padStart(widths[i - 1]!))).join('  ');
  return [row(['project cost code', ...COLUMNS.map(([, h]) => h)]), ...lines.map((l) => row([label(l), ...COLUMNS.map(([key]) => String(l[key]))]))];
};

export const ownerBillingCommand: CliCommand = {
  path: ['finance', 'owner-billing'],
  summary: 'The owner side per project and cost code: billed, retainage receivable, net, received, outstanding, against accounts receivable',
  usage: 'finance owner-billing --connection NAME [--project ID] [--json]',
  options: { ...HUB_OPTIONS, connection: { type: 'string' }, project: { type: 'string' }, json: { type: 'boolean' } },
  help: `  --connection NAME  the connection
  --project ID       one project (default: every project of the connection)
  --json             print the answer as JSON
${HUB_OPTIONS_HELP}

Money in decimal strings. Needs a finance (or admin) key. Exit status: 0 shown, 2 unknown
connection or project, or bad arguments.`,
  run: async ({ positionals, values }, io) => {
    if (positionals.length > 0) throw new CliUsageError('no positional arguments: use --connection and --project');
    if (typeof values.connection !== 'string') throw new CliUsageError('--connection is required');
    const hub = new HubClient({ url: String(values.url ?? ''), key: typeof values.key === 'string' ? values.key : undefined });
    const query = new URLSearchParams({ connection: values.connection, ...(typeof values.project === 'string' ? { project: values.project } : {}) });
    const answer = await hub.request<{ items: Line[]; projects: Line[] }>('GET', `/finance/owner-billing?${query.toString()}`);
    if (values.json) {
      io.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    if (answer.projects.length === 0) {
      io.out(`no owner billing yet in connection ${values.connection}`);
      return 0;
    }
    for (const project of answer.projects) {
      for (const line of table([...answer.items.filter((l) => l.projectId === project.projectId), project])) io.out(line);
    }
    return 0;
  },
};
