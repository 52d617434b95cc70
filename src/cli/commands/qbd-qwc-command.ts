import { writeFile } from 'node:fs/promises';
import { buildQwc } from '../../adapters/qbd/qwc/qwc-file.js';
import { loadTrestleConfigFile } from '../../platform/config/connections.js';
import { ConfigError } from '../../platform/config/env.js';
import { CliUsageError, type CliCommand } from '../command.js';

export const qbdQwcCommand: CliCommand = {
  path: ['qbd', 'qwc'],
  summary: 'Write the .qwc file a bookkeeper opens in the QuickBooks Web Connector',
  usage: 'qbd qwc --connection NAME [--config FILE] [--out FILE]',
  options: { connection: { type: 'string' }, config: { type: 'string', default: process.env.TRESTLE_CONFIG }, out: { type: 'string' } },
  help: `  --connection NAME  a connection whose accounting.system is qbd
  --config FILE      the hub's config (default $TRESTLE_CONFIG)
  --out FILE         where to write it (default NAME.qwc)

The file names the hub's AppURL, the Web Connector user and the schedule from the
connection's config; its OwnerID and FileID stay the same for the connection. The password
is not in it: the bookkeeper types it into the Web Connector.
Exit status: 0 written, 2 refused (the message says why).`,
  run: async ({ positionals, values }, io) => {
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
    const name = typeof values.connection === 'string' ? values.connection : '';
    if (!name) throw new CliUsageError('--connection is required');
    if (typeof values.config !== 'string' || !values.config) throw new CliUsageError('--config (or TRESTLE_CONFIG) is required');
    const config = await loadTrestleConfigFile(values.config).catch((error: unknown) => {
      throw error instanceof ConfigError ? new CliUsageError(`the config has problems:\n  ${error.problems.join('\n  ')}`) : error;
    });
    const connection = config.connections.find((c) => c.name === name);
    if (!connection) throw new CliUsageError(`no connection "${name}" in ${values.config}`);
    const side = connection.accounting;
    if (side.system !== 'qbd') throw new CliUsageError(`connection "${name}" keeps its books in ${side.system}, not QuickBooks Desktop (accounting.system: qbd)`);
    if (!side.appUrl) throw new CliUsageError(`connection "${name}": accounting.appUrl is required for a .qwc (the hub's Web Connector endpoint)`);
    const out = typeof values.out === 'string' && values.out ? values.out : `${name}.qwc`;
    await writeFile(out, buildQwc({ connection: name, appUrl: side.appUrl, userName: side.userName, runEveryMinutes: side.runEveryMinutes }));
    io.out(`Wrote ${out}: open it in the QuickBooks Web Connector (Add an application) and enter the password configured for ${side.userName}.`);
    return 0;
  },
};
