import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand } from '../command.js';
import { HubClient } from '../hub-client.js';

interface VerifyAnswer {
  readonly ok: boolean;
  readonly streamsChecked: number;
  readonly eventsChecked: number;
  readonly firstBroken: { streamName: string; revision: number; eventId: string; reason: string } | null;
}

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  summary: "Recompute the hash chains of a connection's streams (or all) and name the first altered event",
  usage: 'audit verify [connection]',
  options: { ...HUB_OPTIONS },
  help: `  [connection]  only this connection's streams (default: every stream)
${HUB_OPTIONS_HELP}

Needs an auditor (or admin) key. Exit status: 0 history intact, 1 an event was altered or
removed (named on the output), 2 the check could not run.`,
  run: async ({ positionals, values }, io) => {
    if (positionals.length > 1) throw new CliUsageError('give at most one connection');
    const connection = positionals[0];
    const hub = new HubClient({ url: String(values.url ?? ''), key: typeof values.key === 'string' ? values.key : undefined });
    const answer = await hub.request<VerifyAnswer>('GET', `/audit/verify${connection ? `?connection=${encodeURIComponent(connection)}` : ''}`);
    const scope = connection ? `connection ${connection}` : 'all streams';
    if (answer.ok) {
      io.out(`OK: ${scope}: ${answer.eventsChecked} events in ${answer.streamsChecked} streams, no event altered`);
      return 0;
    }
    const b = answer.firstBroken;
    io.out(`ALTERED: ${scope}: stream ${b?.streamName} revision ${b?.revision} (event ${b?.eventId}): ${b?.reason}`);
    return 1;
  },
};
