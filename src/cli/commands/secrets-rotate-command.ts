import { HUB_OPTIONS, HUB_OPTIONS_HELP, CliUsageError, type CliCommand } from '../command.js';
import { HubClient } from '../hub-client.js';

interface RotationAnswer {
  readonly reencrypted: number;
  readonly alreadyCurrent: number;
  readonly unreadable: ReadonlyArray<{ connection: string; system: string }>;
}

export const secretsRotateCommand: CliCommand = {
  path: ['secrets', 'rotate'],
  summary: 'Re-encrypt the stored OAuth refresh tokens under the hub\'s current TRESTLE_SECRET_KEY',
  usage: 'secrets rotate',
  options: { ...HUB_OPTIONS },
  help: `${HUB_OPTIONS_HELP}

Rotating the key that encrypts OAuth refresh tokens at rest:
  1. generate a new key: openssl rand -hex 32
  2. restart every replica with TRESTLE_SECRET_KEY=<new> and TRESTLE_SECRET_KEY_PREVIOUS=<old>
     (the previous key only decrypts; everything written from now on uses the new one)
  3. trestle secrets rotate   (re-encrypts what is still under the old key; safe to repeat)
  4. restart without TRESTLE_SECRET_KEY_PREVIOUS

Needs an admin key. Exit status: 0 every token is under the new key, 1 some token opens
under no configured key (its connection must be reconnected; named on the output), 2 the
command could not run.`,
  run: async ({ positionals, values }, io) => {
    if (positionals.length > 0) throw new CliUsageError('secrets rotate takes no arguments');
    const hub = new HubClient({ url: String(values.url ?? ''), key: typeof values.key === 'string' ? values.key : undefined });
    const answer = await hub.request<RotationAnswer>('POST', '/admin/secrets/rotate');
    io.out(`re-encrypted ${answer.reencrypted} token(s) under the current key; ${answer.alreadyCurrent} already under it`);
    if (answer.unreadable.length === 0) return 0;
    const names = answer.unreadable.map((u) => `${u.connection}/${u.system}`).join(', ');
    io.out(`UNREADABLE under every configured key (reconnect these, or set the key they were written with as TRESTLE_SECRET_KEY_PREVIOUS): ${names}`);
    return 1;
  },
};
