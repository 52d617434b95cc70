import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';

const capture = (): CliIo & { stdout: string[]; stderr: string[] } => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), interactive: false };
};

const CONFIG = `connections:
  acme-qbd:
    construction: { system: procore, companyId: "1", clientId: pc, clientSecret: pc-secret, webhookAuthorization: "Bearer hook-token-0123456789" }
    accounting: { system: qbd, userName: acme-qbwc, password: "the-web-connector-password", appUrl: "https://sync.example.com/qbwc", runEveryMinutes: 30 }
  acme-qbo:
    construction: { system: procore, companyId: "1", clientId: pc, clientSecret: pc-secret, webhookAuthorization: "Bearer hook-token-0123456789" }
    accounting: { system: quickbooks, realmId: "9130", clientId: qb, clientSecret: qb-secret, refreshToken: rt, webhookVerifierToken: verifier-token-0123456789 }
`;

describe('trestle qbd qwc', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trestle-qwc-'));
    await writeFile(join(dir, 'trestle.yaml'), CONFIG);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the connection\'s .qwc, without the password', async () => {
    const io = capture();
    const out = join(dir, 'acme.qwc');
    expect(await runCli(['qbd', 'qwc', '--connection', 'acme-qbd', '--config', join(dir, 'trestle.yaml'), '--out', out], io)).toBe(0);
    const qwc = await readFile(out, 'utf8');
    expect(qwc).toContain('<AppURL>https://sync.example.com/qbwc</AppURL>');
    expect(qwc).toContain('<UserName>acme-qbwc</UserName>');
    expect(qwc).toContain('<RunEveryNMinutes>30</RunEveryNMinutes>');
    expect(qwc).not.toContain('the-web-connector-password');
    expect(io.stdout[0]).toMatch(/^Wrote .*acme\.qwc/);
  });

  it('refuses a connection whose books are not QuickBooks Desktop, or that does not exist', async () => {
    const io = capture();
    expect(await runCli(['qbd', 'qwc', '--connection', 'acme-qbo', '--config', join(dir, 'trestle.yaml')], io)).toBe(2);
    expect(io.stderr[0]).toContain('keeps its books in quickbooks, not QuickBooks Desktop');
    expect(await runCli(['qbd', 'qwc', '--connection', 'nope', '--config', join(dir, 'trestle.yaml')], io)).toBe(2);
    expect(io.stderr[1]).toContain('no connection "nope"');
  });
});
