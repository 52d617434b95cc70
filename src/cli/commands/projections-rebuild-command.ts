import { CliUsageError, HUB_OPTIONS, HUB_OPTIONS_HELP, type CliCommand, type CliIo } from '../command.js';
import { HubClient } from '../hub-client.js';
import { ProgressReporter, type ProgressSnapshot } from './progress-bar.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts one rebuild and follows it to the end; true when it switched. */
const rebuild = async (hub: HubClient, name: string, io: CliIo, pollMs: number): Promise<boolean> => {
  const path = `/admin/projections/${encodeURIComponent(name)}/rebuild`;
  const reporter = new ProgressReporter(io);
  let progress = await hub.request<ProgressSnapshot & { error: string | null }>('POST', path);
  while (progress.state === 'building' || progress.state === 'switching') {
    reporter.update(progress);
    await sleep(pollMs);
    progress = await hub.request('GET', path);
  }
  reporter.update(progress, true);
  if (progress.state === 'failed') io.err(`trestle: the rebuild of ${name} failed: ${progress.error ?? 'unknown error'}; readers keep the previous copy`);
  return progress.state === 'done';
};

export const projectionsRebuildCommand: CliCommand = {
  path: ['projections', 'rebuild'],
  summary: 'Rebuild a read model from the events while the hub runs (all of them when no name is given)',
  usage: 'projections rebuild [name]',
  options: { ...HUB_OPTIONS, interval: { type: 'string', default: '250' } },
  help: `  [name]          reconciliation, audit or saga-context (default: every projection, one after another)
  --interval MS   how often to ask the hub for progress (default 250)
${HUB_OPTIONS_HELP}

The new copy is built beside the one readers use, then switched in. Progress shows events
per second and an ETA, redrawn in place on a terminal, one line every few seconds otherwise.
Needs an admin key. Exit status: 0 rebuilt, 1 a rebuild failed, 2 bad arguments.`,
  run: async ({ positionals, values }, io) => {
    if (positionals.length > 1) throw new CliUsageError('give at most one projection name');
    const pollMs = Number(values.interval);
    if (!Number.isInteger(pollMs) || pollMs < 10) throw new CliUsageError('--interval must be a whole number of milliseconds, at least 10');
    const hub = new HubClient({ url: String(values.url ?? ''), key: typeof values.key === 'string' ? values.key : undefined });
    const names = positionals[0] ? [positionals[0]] : (await hub.request<Array<{ name: string }>>('GET', '/admin/projections')).map((p) => p.name);
    for (const name of names) if (!(await rebuild(hub, name, io, pollMs))) return 1;
    io.out(`rebuilt: ${names.join(', ')}`);
    return 0;
  },
};
