import { describe, expect, it } from 'vitest';
import { CliUsageError, type CliCommand, type CliIo } from './command.js';
import { runCli } from './main.js';

const capture = (): CliIo & { stdout: string[]; stderr: string[] } => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), interactive: false };
};

const echo: CliCommand = {
  path: ['audit', 'verify'], summary: 'Checks hash chains', usage: 'audit verify [connection]', help: '  connection   only its streams',
  options: { strict: { type: 'boolean' } },
  run: async ({ positionals, values }, io) => {
    if (positionals[0] === 'bad') throw new CliUsageError('connection "bad" is not configured');
    io.out(`verify ${positionals[0] ?? 'all'} strict=${String(values.strict ?? false)}`);
    return 0;
  },
};

describe('trestle CLI', () => {
  it('routes to the command with its positionals and options', async () => {
    const io = capture();
    expect(await runCli(['audit', 'verify', 'acme', '--strict'], io, [echo])).toBe(0);
    expect(io.stdout).toEqual(['verify acme strict=true']);
  });

  it('prints usage for --help on every command', async () => {
    const io = capture();
    expect(await runCli(['audit', 'verify', '--help'], io, [echo])).toBe(0);
    expect(io.stdout[0]).toContain('Usage: trestle audit verify [connection]');
    expect(io.stdout[0]).toContain('only its streams');
  });

  it('names the problem and exits 2 on an unknown option, command or bad argument', async () => {
    for (const argv of [['audit', 'verify', '--nope'], ['audit', 'frobnicate'], ['audit', 'verify', 'bad']]) {
      const io = capture();
      expect(await runCli(argv, io, [echo])).toBe(2);
      expect(io.stderr.join('')).toMatch(/trestle: (unknown command|.*--nope|connection "bad")/);
    }
  });
});
