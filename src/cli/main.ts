import { parseArgs } from 'node:util';
import { CliUsageError, type CliCommand, type CliIo } from './command.js';
import { COMMANDS } from './commands.js';

const nodeIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  interactive: Boolean(process.stderr.isTTY),
};

const overview = (commands: readonly CliCommand[]): string =>
  ['Usage: trestle <command> [options]', '', 'Commands:', ...commands.map((c) => `  ${c.usage.padEnd(52)} ${c.summary}`), '', 'Run `trestle <command> --help` for its options.'].join('\n');

const find = (argv: readonly string[], commands: readonly CliCommand[]): CliCommand | undefined =>
  commands.find((c) => c.path.every((part, i) => argv[i] === part));

export const runCli = async (argv: readonly string[], io: CliIo = nodeIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> => {
  const command = find(argv, commands);
  if (!command) {
    const asked = argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help';
    (asked ? io.out : io.err)(asked ? overview(commands) : `trestle: unknown command "${argv.join(' ')}"\n\n${overview(commands)}`);
    return asked ? 0 : 2;
  }
  const rest = argv.slice(command.path.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: trestle ${command.usage}\n\n${command.summary}\n\n${command.help}`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: command.options ?? {}, allowPositionals: true, strict: true });
    return await command.run({ positionals, values: values as Record<string, string | boolean | undefined> }, io);
  } catch (error) {
    if (error instanceof CliUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`trestle: ${(error as Error).message}\nRun \`trestle ${command.path.join(' ')} --help\` for usage.`);
      return 2;
    }
    throw error;
  }
};
