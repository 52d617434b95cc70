import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand } from '../command.js';
import { HubClient } from '../hub-client.js';

interface VerifyAnswer {
  readonly ok: boolean;
  readonly streamsChecked: number;
  readonly eventsChecked: number;
  readonly firstBroken: { position: string | null; streamName: string; revision: number; eventId: string; reason: string } | null;
  readonly globalChain?: {
    checked: boolean; ok: boolean; eventsChecked: number; unchainedEvents: number;
    anchor: { anchoredAt: string; events: number } | null; problem: string | null;
  };
}

const globalLine = (g: NonNullable<VerifyAnswer['globalChain']>): string => {
  if (!g.checked) return `global chain: not checked (${g.problem})`;
  if (g.problem) return `global chain: ${g.problem}`;
  const anchor = g.anchor ? `latest anchor ${g.anchor.anchoredAt} covers ${g.anchor.events} events` : 'no anchor written yet';
  return `global chain: ${g.eventsChecked} events ${g.ok ? 'match' : 'checked'}; ${anchor}; ${g.unchainedEvents} newer events not chained yet`;
};

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  summary: "Recompute the hash chains of a connection's streams (or all) and the global chain against the latest anchor; name the first altered event",
  usage: 'audit verify [connection]',
  options: { ...HUB_OPTIONS },
  help: `  [connection]  only this connection's streams (default: every stream); the global chain is always checked whole
${HUB_OPTIONS_HELP}

Needs an auditor (or admin) key. Exit status: 0 history intact, 1 an event was altered or
removed (named on the output) or the latest anchor does not hold, 2 the check could not run.`,
  run: async ({ positionals, values }, io) => {
    if (positionals.length > 1) throw new CliUsageError('give at most one connection');
    const connection = positionals[0];
    const hub = new HubClient({ url: String(values.url ?? ''), key: typeof values.key === 'string' ? values.key : undefined });
    const answer = await hub.request<VerifyAnswer>('GET', `/audit/verify${connection ? `?connection=${encodeURIComponent(connection)}` : ''}`);
    const scope = connection ? `connection ${connection}` : 'all streams';
    const b = answer.firstBroken;
    if (answer.ok) io.out(`OK: ${scope}: ${answer.eventsChecked} events in ${answer.streamsChecked} streams, no event altered`);
    else if (b) io.out(`ALTERED: ${scope}: stream ${b.streamName} revision ${b.revision}${b.position ? ` at position ${b.position}` : ''} (event ${b.eventId}): ${b.reason}`);
    else io.out(`NOT VERIFIED: ${scope}: the stream chains hold, the global chain could not be trusted`);
    if (answer.globalChain) io.out(globalLine(answer.globalChain));
    return answer.ok ? 0 : 1;
  },
};
