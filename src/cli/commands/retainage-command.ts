import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand } from '../command.js';
import { HubClient } from '../hub-client.js';

interface Sums {
  readonly retained: string;
  readonly released: string;
  readonly held: string;
  readonly paid: string;
  readonly paidBeforeRelease: string;
  readonly outstanding: string;
}

interface Commitment extends Sums {
  readonly projectId: string;
  readonly commitmentId: string;
  readonly label: string;
  readonly costCodes: ReadonlyArray<Sums & { readonly costCode: string; readonly costType: string }>;
  readonly discrepancies: ReadonlyArray<{ readonly reason: string; readonly detail: string }>;
}

const COLUMNS: ReadonlyArray<readonly [keyof Sums, string]> = [
  ['retained', 'retained'], ['released', 'released'], ['held', 'held'], ['paid', 'paid'], ['paidBeforeRelease', 'paid early'], ['outstanding', 'outstanding'],
];

/** One commitment: its total, then its cost codes, money right-aligned under its heading; then what disagrees. */
const table = (c: Commitment): string[] => {
  const lines: Array<readonly [string, Sums]> = [[`${c.projectId} ${c.label}`, c], ...c.costCodes.map((l) => [`  ${l.costCode}${l.costType ? `/${l.costType}` : ''}`, l] as const)];
  const first = Math.max(20, ...lines.map(([label]) => label.length));
  const widths = COLUMNS.map(([key, heading]) => Math.max(heading.length, ...lines.map(([, s]) => s[key].length)));
  const row = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(first) : cell.padStart(widths[i - 1]!))).join('  ');
  return [
    row(['commitment / cost code', ...COLUMNS.map(([, heading]) => heading)]),
    ...lines.map(([label, s]) => row([label, ...COLUMNS.map(([key]) => s[key])])),
    ...c.discrepancies.map((d) => `  ! ${d.reason}: ${d.detail}`),
  ];
};

export const retainageCommand: CliCommand = {
  path: ['finance', 'retainage'],
  summary: 'Retainage per commitment and cost code: retained, released, held, paid, outstanding, and invoices paid over their net due',
  usage: 'finance retainage --connection NAME [--project ID] [--json]',
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
    const answer = await hub.request<{ items: Commitment[] }>('GET', `/finance/retainage?${query.toString()}`);
    if (values.json) {
      io.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    if (answer.items.length === 0) {
      io.out(`no retainage yet in connection ${values.connection}`);
      return 0;
    }
    for (const commitment of answer.items) for (const line of table(commitment)) io.out(line);
    return 0;
  },
};
