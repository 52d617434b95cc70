import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand } from '../command.js';
import { HubClient } from '../hub-client.js';

interface SetupAnswer {
  readonly connection: string;
  readonly destinationUrl: string;
  readonly hook: { readonly id: string; readonly namespace: string; readonly status: 'created' | 'existing' | 'updated' };
  readonly triggers: ReadonlyArray<{ readonly resourceName: string; readonly eventType: string; readonly id: string; readonly status: 'created' | 'existing' }>;
  readonly notOffered: readonly string[];
}

const WORDS = { created: 'created', existing: 'already existed', updated: 'updated (destination or Authorization header had changed)' } as const;

/** The setup's report as lines: the hook, then the triggers grouped as created / already there. */
export const describeSetup = (answer: SetupAnswer): string[] => {
  const created = answer.triggers.filter((t) => t.status === 'created');
  const existing = answer.triggers.filter((t) => t.status === 'existing');
  const names = (rows: typeof created) => rows.map((t) => `${t.resourceName} ${t.eventType}`).join(', ');
  return [
    `Procore hook ${answer.hook.id} (namespace ${answer.hook.namespace}) for connection ${answer.connection}: ${WORDS[answer.hook.status]}`,
    `  delivers to ${answer.destinationUrl}`,
    `  triggers created: ${created.length}${created.length ? ` (${names(created)})` : ''}`,
    `  triggers that already existed: ${existing.length}${existing.length ? ` (${names(existing)})` : ''}`,
    ...(answer.notOffered.length ? [`  not offered by this company's webhooks API: ${answer.notOffered.join(', ')}`] : []),
  ];
};

export const procoreHooksCommand: CliCommand = {
  path: ['procore', 'hooks'],
  summary: "Register a connection's Procore webhook hook and triggers (idempotent)",
  usage: 'procore hooks --connection NAME',
  options: { connection: { type: 'string' }, ...HUB_OPTIONS },
  help: `  --connection NAME  the connection whose Procore company gets the hook
${HUB_OPTIONS_HELP}

Needs an admin key and the hub's TRESTLE_PUBLIC_URL (Procore delivers to
<TRESTLE_PUBLIC_URL>/webhooks/procore/<connection> with the connection's
webhookAuthorization header). Running it again creates nothing that exists.
Exit status: 0 done, 2 refused (the message says why).`,
  run: async ({ positionals, values }, io) => {
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
    const connection = typeof values.connection === 'string' ? values.connection : '';
    if (!connection) throw new CliUsageError('--connection is required');
    const hub = new HubClient({ url: String(values.url ?? ''), key: typeof values.key === 'string' ? values.key : undefined });
    const answer = await hub.request<SetupAnswer>('POST', `/admin/connections/${encodeURIComponent(connection)}/procore-hooks`);
    for (const line of describeSetup(answer)) io.out(line);
    return 0;
  },
};
