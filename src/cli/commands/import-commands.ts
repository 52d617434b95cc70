import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { IMPORT_KINDS } from '../../adapters/import-kinds.js';
import { parseColumnMapFile } from '../../adapters/imports/column-map-file.js';
import { describeProblem, resolveColumns, type CellProblem } from '../../adapters/imports/column-map.js';
import { NO_SETTINGS, type ImportKind, type ImportReading } from '../../adapters/imports/import-kind.js';
import { readTable, UnreadableFileError, type Table } from '../../adapters/imports/tabular-file.js';
import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand, type CliIo } from '../command.js';
import { HubClient } from '../hub-client.js';

const KIND_NAMES = IMPORT_KINDS.map((k) => k.kind).join(', ');
const FIRST_ROWS = 5;

const kindOf = (name: string | undefined): ImportKind => {
  const kind = IMPORT_KINDS.find((k) => k.kind === (name ?? IMPORT_KINDS[0]!.kind));
  if (!kind) throw new CliUsageError(`unknown import kind "${name}" (known: ${KIND_NAMES})`);
  return kind;
};

const readLocal = async (file: string): Promise<Buffer> => {
  try {
    return await readFile(file);
  } catch (error) {
    throw new CliUsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
};

const settingsFrom = async (columnsFile: string | undefined, kind: ImportKind) => {
  if (!columnsFile) return NO_SETTINGS;
  const parsed = parseColumnMapFile((await readLocal(columnsFile)).toString('utf8'), IMPORT_KINDS);
  if (!parsed.ok) throw new CliUsageError(`${columnsFile}: ${parsed.problems.join('; ')}`);
  return parsed.maps[kind.kind] ?? NO_SETTINGS;
};

const firstRows = (table: Table, kind: ImportKind, overrides: Record<string, string>): string[] => {
  const cols = resolveColumns(table, kind.columns, overrides);
  const fields = Object.keys(kind.columns).filter((f) => cols.index[f] !== undefined);
  return table.rows.slice(0, FIRST_ROWS).map((r) => `  row ${r.row}: ${fields.map((f) => `${f}=${JSON.stringify(r.cells[cols.index[f]!] ?? '')}`).join(' ')}`);
};

const list = (title: string, lines: readonly string[]): string[] => (lines.length === 0 ? [] : ['', `${title}:`, ...lines]);

/** What `import check` prints: columns found, first rows, problems and held rows by row and column, and the kind's summary. */
export const renderCheck = (fileName: string, table: Table, kind: ImportKind, reading: ImportReading, overrides: Record<string, string>): string => {
  const named = (p: CellProblem) => `  ${describeProblem(fileName, p)}`;
  return [
    `${fileName}: ${table.format}, ${table.rows.length} rows, read as ${kind.kind}`,
    '', 'columns:', ...Object.entries(reading.columns).map(([field, header]) => `  ${field.padEnd(10)} ${header === null ? '(not in the file)' : `<- ${header}`}`),
    ...list('ignored columns', reading.ignoredColumns.length ? [`  ${reading.ignoredColumns.join(', ')}`] : []),
    ...list('first rows', firstRows(table, kind, overrides)),
    ...list('problems (nothing would be imported)', reading.problems.map(named)),
    ...list('held back', reading.held.map(named)),
    '', `documents: ${reading.documents.length}`,
    ...list('summary', [JSON.stringify(reading.summary, null, 2)]),
  ].join('\n');
};

export const importCheckCommand: CliCommand = {
  path: ['import', 'check'],
  summary: 'How an exported file would be read (columns, first rows, problems), importing nothing',
  usage: 'import check <file> [--kind KIND] [--columns FILE]',
  options: { kind: { type: 'string' }, columns: { type: 'string' } },
  help: `  <file>           a CSV or .xlsx export
  --kind KIND      ${KIND_NAMES} (default ${IMPORT_KINDS[0]!.kind})
  --columns FILE   a connection's column map file (importColumnsFile); the stock layout when omitted

Reads the file here, without the hub. Exit status: 0 it would import, 1 it has problems, 2 unreadable or bad arguments.`,
  run: async ({ positionals, values }, io: CliIo) => {
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new CliUsageError('give exactly one file');
    const kind = kindOf(typeof values.kind === 'string' ? values.kind : undefined);
    const settings = await settingsFrom(typeof values.columns === 'string' ? values.columns : undefined, kind);
    let table: Table;
    try {
      table = await readTable(await readLocal(file));
    } catch (error) {
      if (error instanceof UnreadableFileError) throw new CliUsageError(`${file}: ${error.message}`);
      throw error;
    }
    const reading = kind.read(table, { projectId: 'check', at: new Date().toISOString(), settings });
    io.out(renderCheck(basename(file), table, kind, reading, settings.columns));
    return reading.problems.length > 0 ? 1 : 0;
  },
};

interface Outcome {
  readonly outcome: 'imported' | 'unchanged';
  readonly revision: number;
  readonly diff: { added: string[]; changed: string[]; removed: string[] };
  readonly held: CellProblem[];
}

export const importCommand: CliCommand = {
  path: ['import'],
  summary: 'Import an exported file (a PlanSwift takeoff, ...) into a project of a connection',
  usage: 'import <kind> <file> --connection NAME --project ID',
  options: { ...HUB_OPTIONS, connection: { type: 'string' }, project: { type: 'string' } },
  help: `  <kind>             ${KIND_NAMES}
  <file>             a CSV or .xlsx export
  --connection NAME  the connection it belongs to
  --project ID       the project it is for
${HUB_OPTIONS_HELP}

Needs an estimator (or admin) key. The same file again changes nothing; a revised file records what it changed.
Exit status: 0 imported or unchanged, 2 refused (each problem with its row and column) or bad arguments.`,
  run: async ({ positionals, values }, io) => {
    const [kind, file] = positionals;
    if (!kind || !file || positionals.length > 2) throw new CliUsageError('give the kind and the file, e.g. import planswift-takeoff takeoff.csv');
    const connection = typeof values.connection === 'string' ? values.connection : undefined;
    const project = typeof values.project === 'string' ? values.project : undefined;
    if (!connection || !project) throw new CliUsageError('--connection and --project are required');
    const hub = new HubClient({ url: String(values.url ?? ''), key: typeof values.key === 'string' ? values.key : undefined });
    const path = `/imports/${encodeURIComponent(connection)}/${encodeURIComponent(kind)}?project=${encodeURIComponent(project)}`;
    const result = await hub.upload<Outcome>(path, basename(file), await readLocal(file));
    if (result.outcome === 'unchanged') {
      io.out(`${basename(file)}: unchanged, the same file as revision ${result.revision}; nothing recorded`);
      return 0;
    }
    const d = result.diff;
    io.out(`${basename(file)}: revision ${result.revision}: ${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed`);
    for (const [label, ids] of [['added', d.added], ['changed', d.changed], ['removed', d.removed]] as const) for (const id of ids) io.out(`  ${label.padEnd(8)} ${id}`);
    for (const h of result.held) io.out(`  held     ${describeProblem(basename(file), h)}`);
    return 0;
  },
};
