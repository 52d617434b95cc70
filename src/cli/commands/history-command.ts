import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand } from '../command.js';
import { HubClient } from '../hub-client.js';

interface Entry {
  readonly recordedAt: string;
  readonly streamKind: string;
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
  readonly attempt: { status: number | null; outcome: string | null; code: string | null } | null;
}

interface HistoryPage {
  readonly items: Entry[];
  readonly total: number;
  readonly correlation: { sagas: string[]; requests: string[]; booksObjects: Array<{ entity: string; id: string }> };
}

const PAGE = 5000;

/** What an auditor scans for: the call's status, or the document's version. */
const detailOf = (e: Entry): string => {
  if (e.attempt) return `HTTP ${e.attempt.status ?? '-'} ${e.attempt.outcome ?? ''}${e.attempt.code ? ` (${e.attempt.code})` : ''}`.trim();
  const version = (e.data as { version?: unknown } | null)?.version;
  return typeof version === 'string' ? `version ${version}` : '';
};

export const historyCommand: CliCommand = {
  path: ['history'],
  summary: "A document's whole life: its events, its saga's, its calls to the books with their statuses",
  usage: 'history <document> [--json]',
  options: { ...HUB_OPTIONS, json: { type: 'boolean' } },
  help: `  <document>   the document stream, e.g. acme.procore.subcontractor_invoice-88412
  --json       print the events as JSON (one array), with metadata and payloads
${HUB_OPTIONS_HELP}

Needs an auditor (or admin) key. Exit status: 0 shown, 2 unknown document or bad arguments.`,
  run: async ({ positionals, values }, io) => {
    const document = positionals[0];
    if (!document || positionals.length > 1) throw new CliUsageError('give exactly one document, e.g. acme.procore.subcontractor_invoice-88412');
    const hub = new HubClient({ url: String(values.url ?? ''), key: typeof values.key === 'string' ? values.key : undefined });
    const path = (page: number) => `/audit/documents/${encodeURIComponent(document)}/history?pageSize=${PAGE}&page=${page}`;
    const first = await hub.request<HistoryPage>('GET', path(1));
    const items = [...first.items];
    for (let page = 2; items.length < first.total; page++) items.push(...(await hub.request<HistoryPage>('GET', path(page))).items);
    if (values.json) {
      io.out(JSON.stringify(items, null, 2));
      return 0;
    }
    const c = first.correlation;
    io.out(`${document}\n  sagas: ${c.sagas.join(', ') || '-'}\n  books: ${c.booksObjects.map((b) => `${b.entity} ${b.id}`).join(', ') || '-'}\n  outbound requests: ${c.requests.length}\n`);
    for (const e of items) io.out(`${e.recordedAt}  ${e.streamKind.padEnd(8)}  ${e.type.padEnd(34)}  ${detailOf(e)}`);
    return 0;
  },
};
