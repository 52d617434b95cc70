import { readFile, writeFile } from 'node:fs/promises';
import { readMappingYaml } from '../adapters/mapping/mapping-yaml.js';
import { formatProblem, type MappingProblem } from '../domain/mapping/index.js';
import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand } from './command.js';
import { HubClient } from './hub-client.js';

type Values = Record<string, string | boolean | undefined>;

const CONNECTION_HELP = '  --connection NAME  the connection (default: the hub\'s only connection)';

const stringOf = (values: Values, name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);

const hubOf = (values: Values): HubClient => new HubClient({ url: stringOf(values, 'url') ?? '', key: stringOf(values, 'key') });

/** The named connection, or the only one the hub has. */
export const connectionOf = async (hub: HubClient, values: Values): Promise<string> => {
  const named = stringOf(values, 'connection');
  if (named) return named;
  const list = await hub.request<Array<{ connection: string }>>('GET', '/admin/mappings');
  if (list.length === 1 && list[0]) return list[0].connection;
  throw new CliUsageError(list.length === 0 ? 'the hub has no connections' : `--connection is required: the hub has ${list.map((c) => c.connection).join(', ')}`);
};

const mappingPath = (connection: string, rest = ''): string => `/admin/connections/${encodeURIComponent(connection)}/mapping${rest}`;

const readText = async (file: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
};

interface CheckAnswer {
  readonly ok: boolean;
  readonly problems: readonly MappingProblem[];
  /** Absent from an older hub's answer. */
  readonly warnings?: readonly MappingProblem[];
  readonly checkedAgainstChart: boolean;
  readonly costCodesInUse: number;
}

export const mappingCheckCommand: CliCommand = {
  path: ['mapping', 'check'],
  summary: 'Check a mapping file against the live books and the cost codes in use',
  usage: 'mapping check <file> [--connection NAME]',
  options: { ...HUB_OPTIONS, connection: { type: 'string' } },
  help: `  <file>             the mapping YAML (see docs/mapping.md)
${CONNECTION_HELP}
${HUB_OPTIONS_HELP}

Prints every problem, one per line, naming the field, account or cost code; nothing is changed.
Warnings (classes in books that track none) go to standard error and do not fail the check.
Exit status: 0 clean, 1 problems found, 2 the check could not run.`,
  run: async ({ positionals, values }, io) => {
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new CliUsageError('give exactly one mapping file');
    const read = readMappingYaml(await readText(file));
    const hub = hubOf(values);
    const answer: CheckAnswer = read.ok
      ? await hub.request<CheckAnswer>('POST', mappingPath(await connectionOf(hub, values), '/check'), read.document)
      : { ok: false, problems: read.problems, checkedAgainstChart: false, costCodesInUse: 0 };
    for (const problem of answer.problems) io.out(formatProblem(problem));
    for (const warning of answer.warnings ?? []) io.err(`warning: ${formatProblem(warning)}`);
    if (answer.ok) {
      io.out(`${file}: no problems (checked against the books; ${answer.costCodesInUse} cost code(s) in use all have a home)`);
      return 0;
    }
    io.err(`${file}: ${answer.problems.length} problem(s)${answer.checkedAgainstChart ? '' : '; fix the structure first, then the books are checked'}`);
    return 1;
  },
};

/** The document is text, which HubClient.request (JSON) does not read: fetched here with the same key. */
const fetchText = async (url: string, key: string, path: string): Promise<string> => {
  let response: Response;
  try {
    response = await fetch(new URL(path, url), { headers: { 'x-api-key': key } });
  } catch (error) {
    throw new CliUsageError(`cannot reach the hub at ${url} (${(error as Error).message}); is it running? (npm start)`);
  }
  const text = await response.text();
  if (response.ok) return text;
  const problem = (() => { try { return JSON.parse(text) as { title?: string; detail?: string }; } catch { return undefined; } })();
  throw new CliUsageError(`${response.status} ${problem?.title ?? ''}: ${problem?.detail ?? text}`.trim());
};

export const mappingDocumentCommand: CliCommand = {
  path: ['mapping', 'document'],
  summary: 'Write the mapping document for the bookkeeper (Markdown or CSV)',
  usage: 'mapping document [--connection NAME] [--format markdown|csv] [--out FILE]',
  options: { ...HUB_OPTIONS, connection: { type: 'string' }, format: { type: 'string', default: 'markdown' }, out: { type: 'string' } },
  help: `${CONNECTION_HELP}
  --format FORMAT    markdown (default) or csv
  --out FILE         write to FILE instead of standard output
${HUB_OPTIONS_HELP}

Every cost code in use and where it posts (account or item, class, Customer:Job), or UNMAPPED.`,
  run: async ({ values }, io) => {
    const format = stringOf(values, 'format') ?? 'markdown';
    if (format !== 'markdown' && format !== 'csv') throw new CliUsageError('--format must be markdown or csv');
    const hub = hubOf(values);
    const connection = await connectionOf(hub, values);
    const text = await fetchText(stringOf(values, 'url') ?? '', stringOf(values, 'key') ?? '', mappingPath(connection, `/document?format=${format}`));
    const out = stringOf(values, 'out');
    if (!out) {
      io.out(text);
      return 0;
    }
    await writeFile(out, text, 'utf8');
    io.out(`wrote the ${format} mapping document of ${connection} to ${out}`);
    return 0;
  },
};
