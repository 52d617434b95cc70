import type { ParseArgsConfig } from 'node:util';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: progress bars redraw in place. */
  readonly interactive: boolean;
}

/** One `trestle <group> <verb>` command. */
export interface CliCommand {
  /** e.g. ['mapping', 'check']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Usage line after `trestle`, e.g. 'mapping check <file> [--connection NAME]'. */
  readonly usage: string;
  readonly options?: ParseArgsConfig['options'];
  /** Shown under --help: what each argument and option means. */
  readonly help: string;
  run(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }, io: CliIo): Promise<number>;
}

/** A user error: printed as `trestle: <message>` with exit code 2, no stack. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** Options every command that talks to the hub shares. */
export const HUB_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  url: { type: 'string', default: process.env.TRESTLE_URL ?? 'http://127.0.0.1:3000' },
  key: { type: 'string', default: process.env.TRESTLE_API_KEY },
};

export const HUB_OPTIONS_HELP = `  --url URL    the hub (default $TRESTLE_URL or http://127.0.0.1:3000)
  --key KEY    API key with the role the command needs (default $TRESTLE_API_KEY)`;
