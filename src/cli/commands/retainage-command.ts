import type { CliCommand } from '../command.js';
import { fetchFinanceReport, FINANCE_REPORT_HELP, FINANCE_REPORT_OPTIONS, ledger } from './finance-report.js';

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
const table = (c: Commitment): string[] => [
  ...ledger<Sums>('commitment / cost code', 20, COLUMNS, [
    [`${c.projectId} ${c.label}`, c], ...c.costCodes.map((l) => [`  ${l.costCode}${l.costType ? `/${l.costType}` : ''}`, l] as const),
  ]),
  ...c.discrepancies.map((d) => `  ! ${d.reason}: ${d.detail}`),
];

export const retainageCommand: CliCommand = {
  path: ['finance', 'retainage'],
  summary: 'Retainage per commitment and cost code: retained, released, held, paid, outstanding, and invoices paid over their net due',
  usage: 'finance retainage --connection NAME [--project ID] [--json]',
  options: FINANCE_REPORT_OPTIONS,
  help: FINANCE_REPORT_HELP,
  run: async ({ positionals, values }, io) => {
    const { connection, answer } = await fetchFinanceReport<{ items: Commitment[] }>('/finance/retainage', positionals, values);
    if (values.json) {
      io.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    if (answer.items.length === 0) {
      io.out(`no retainage yet in connection ${connection}`);
      return 0;
    }
    for (const commitment of answer.items) for (const line of table(commitment)) io.out(line);
    return 0;
  },
};
