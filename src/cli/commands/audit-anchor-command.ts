import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand } from '../command.js';
import { HubClient } from '../hub-client.js';

interface AnchorAnswer {
  readonly written: boolean;
  readonly events: number;
  readonly position: string | null;
  readonly anchoredAt: string;
  readonly sink: string;
}

export const auditAnchorCommand: CliCommand = {
  path: ['audit', 'anchor'],
  summary: "Sign the global chain's head now and write the anchor outside the database",
  usage: 'audit anchor',
  options: { ...HUB_OPTIONS },
  help: `${HUB_OPTIONS_HELP}

Needs an admin key, and TRESTLE_AUDIT_KEY set on the hub. The hub also anchors by itself
every TRESTLE_AUDIT_ANCHOR_INTERVAL seconds.`,
  run: async ({ positionals, values }, io) => {
    if (positionals.length > 0) throw new CliUsageError('audit anchor takes no arguments');
    const hub = new HubClient({ url: String(values.url ?? ''), key: typeof values.key === 'string' ? values.key : undefined });
    const answer = await hub.request<AnchorAnswer>('POST', '/admin/audit/anchors');
    const what = `${answer.events} events${answer.position ? ` up to position ${answer.position}` : ''}`;
    io.out(answer.written
      ? `ANCHORED: ${what} at ${answer.anchoredAt}, written to ${answer.sink}`
      : `UNCHANGED: nothing appended since the anchor of ${answer.anchoredAt} (${what}, ${answer.sink})`);
    return 0;
  },
};
