import type { CliCommand } from '../command.js';
import { fetchFinanceReport, FINANCE_REPORT_HELP, FINANCE_REPORT_OPTIONS, ledger } from './finance-report.js';

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

/** A project's cost codes, then its total. */
const table = (lines: readonly Line[]): string[] => ledger('project cost code', 16, COLUMNS, lines.map((l) => [`${l.projectId} ${l.costCode ?? 'total'}`, l] as const));

export const ownerBillingCommand: CliCommand = {
  path: ['finance', 'owner-billing'],
  summary: 'The owner side per project and cost code: billed, retainage receivable, net, received, outstanding, against accounts receivable',
  usage: 'finance owner-billing --connection NAME [--project ID] [--json]',
  options: FINANCE_REPORT_OPTIONS,
  help: FINANCE_REPORT_HELP,
  run: async ({ positionals, values }, io) => {
    const { connection, answer } = await fetchFinanceReport<{ items: Line[]; projects: Line[] }>('/finance/owner-billing', positionals, values);
    if (values.json) {
      io.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    if (answer.projects.length === 0) {
      io.out(`no owner billing yet in connection ${connection}`);
      return 0;
    }
    for (const project of answer.projects) {
      for (const line of table([...answer.items.filter((l) => l.projectId === project.projectId), project])) io.out(line);
    }
    return 0;
  },
};
