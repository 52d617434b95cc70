import { readFile } from 'node:fs/promises';
import { readMappingYaml } from '../adapters/mapping/mapping-yaml.js';
import { formatProblem } from '../domain/mapping/index.js';
import { renderPreviewTable, type PreviewTable } from '../domain/remap/preview-render.js';
import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand } from './command.js';
import { HubClient } from './hub-client.js';
import { connectionOf } from './mapping-commands.js';

type Values = Record<string, string | boolean | undefined>;

const text = (values: Values, name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);

/** The single change the flags name: `--cost-code 23-31-00 --cost-type S --account 63 --class 2000...122`. */
const changeOfFlags = (values: Values): Record<string, unknown> => {
  const costCode = text(values, 'cost-code');
  if (!costCode) throw new CliUsageError('name the change: --cost-code (with --account or --item), or --file with a list of changes');
  const billable = text(values, 'billable');
  if (billable !== undefined && billable !== 'true' && billable !== 'false') throw new CliUsageError('--billable must be true or false');
  const optional: Array<[string, string | undefined]> = [
    ['costType', text(values, 'cost-type')], ['projectId', text(values, 'project')], ['account', text(values, 'account')],
    ['item', text(values, 'item')], ['class', text(values, 'class')],
  ];
  return {
    costCode, ...Object.fromEntries(optional.filter(([, v]) => v !== undefined)), ...(billable === undefined ? {} : { billable: billable === 'true' }),
  };
};

/** `changes:` from a YAML file (numbers kept as written, like a mapping file); problems name the line. */
const changesOfFile = async (file: string): Promise<unknown> => {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const read = readMappingYaml(source);
  if (!read.ok) throw new CliUsageError(`${file}: ${read.problems.map(formatProblem).join('; ')}`);
  return read.document;
};

interface PreviewAnswer { readonly tables: readonly PreviewTable[]; readonly fromVersion: number }
interface ApplyAnswer { readonly version: number; readonly changed: boolean; readonly posted: 'update' | 'leave'; readonly documents: readonly { label: string }[]; readonly preview: PreviewAnswer }

const appliedMessage = (a: ApplyAnswer): string => {
  if (!a.changed) return `nothing changed: the mapping stays at version ${a.version}`;
  const what = a.posted === 'update' ? 'rewritten through the sagas with the new mapping' : 'left as they were posted (recorded; the remap never reposts them)';
  return `applied as mapping version ${a.version}; ${a.documents.length} posted document(s) ${what}${a.documents.length > 0 ? `: ${a.documents.map((d) => d.label).join(', ')}` : ''}`;
};

export const mappingPreviewCommand: CliCommand = {
  path: ['mapping', 'preview'],
  summary: 'Show what a mapping change would change in the books (posting nothing), then optionally apply it',
  usage: 'mapping preview (--cost-code X [--cost-type Y] (--account Z | --item Z) [--class C] | --file FILE) [--apply update|leave]',
  options: {
    ...HUB_OPTIONS, connection: { type: 'string' }, file: { type: 'string' }, 'cost-code': { type: 'string' }, 'cost-type': { type: 'string' },
    project: { type: 'string' }, account: { type: 'string' }, item: { type: 'string' }, class: { type: 'string' }, billable: { type: 'string' },
    apply: { type: 'string' },
  },
  help: `  --cost-code X      the cost code (or prefix) the change is for, e.g. 23-31-00
  --cost-type Y      its cost type, e.g. S (leave out: any cost type)
  --project P        only this project (leave out: every project)
  --account Z        the account id it would post to; or --item Z for an item
  --class C          the class id (leave out: no class)
  --billable B       true or false (leave out: the connection's default)
  --file FILE        a YAML file with several changes instead: changes: [{ costCode, costType, account, class }, ...]
  --apply CHOICE     apply the changes as a new mapping version; documents already posted are
                     "update" (rewritten through the sagas) or "leave" (left as they are)
  --connection NAME  the connection (default: the hub's only connection)
${HUB_OPTIONS_HELP}

Prints the lines that would change, the documents touched, and totals per account and per
cost code before and after. Needs a finance or admin key.`,
  run: async ({ positionals, values }, io) => {
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument ${positionals[0]}`);
    const file = text(values, 'file');
    if (file && text(values, 'cost-code')) throw new CliUsageError('give either --file or the change flags, not both');
    const apply = text(values, 'apply');
    if (apply !== undefined && apply !== 'update' && apply !== 'leave') throw new CliUsageError('--apply must be update or leave');
    const body = file ? await changesOfFile(file) : { changes: [changeOfFlags(values)] };
    const hub = new HubClient({ url: text(values, 'url') ?? '', key: text(values, 'key') });
    const connection = await connectionOf(hub, values);
    const path = `/admin/connections/${encodeURIComponent(connection)}/mapping/remap`;
    if (apply === undefined) {
      const answer = await hub.request<PreviewAnswer>('POST', `${path}/preview`, body);
      io.out(answer.tables.map(renderPreviewTable).join('\n\n'));
      return 0;
    }
    const answer = await hub.request<ApplyAnswer>('POST', `${path}/apply`, { ...(body as object), posted: apply });
    io.out(answer.preview.tables.map(renderPreviewTable).join('\n\n'));
    io.out(appliedMessage(answer));
    return 0;
  },
};
