import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { MappingApiModule } from '../../src/api/admin/admin-api.module.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthModule } from '../../src/api/auth/auth.module.js';
import { MappingModule } from '../../src/adapters/mapping/index.js';
import type { QuickBooksSandbox } from '../../sandbox/quickbooks/index.js';
import { runCli } from '../../src/cli/main.js';
import { INVOICE, REF } from '../../src/domain/invoice-sync/invoice-sync.fixtures.js';
import { deterministicEventId } from '../../src/eventstore/index.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { appendSampleDocuments, captureIo, FINANCE_KEY, KEYS, SAMPLE_MAPPING_FILE, startSandboxChart } from './mapping-support.js';

/** `trestle mapping preview` in process against a hub over real HTTP, with one approved invoice its saga has seen (not posted yet). */
describe('trestle mapping preview', () => {
  let hub: TestHub;
  let qbo: QuickBooksSandbox;
  let dir: string;

  beforeAll(async () => {
    const sandbox = await startSandboxChart();
    qbo = sandbox.qbo;
    hub = await startTestHub([
      AuthModule.forRoot(KEYS),
      MappingModule.forRoot({ connections: [{ name: 'acme', mappingFile: SAMPLE_MAPPING_FILE }], chart: sandbox.chart }), MappingApiModule,
    ]);
    await appendSampleDocuments(hub.storage.store);
    const saga = 'acme.saga.invoice_sync-1280643';
    const data = { ref: { ...REF, connection: 'acme' }, version: 'v1', observedAt: '2026-05-02T15:05:00Z', snapshot: INVOICE };
    await hub.storage.store.append(saga, [{ id: deterministicEventId(saga, 'approved'), type: 'SubcontractorInvoiceApproved.v1', data }], 'no_stream');
    // $all reads stop short of transactions in flight on the server: wait until the preview can see it.
    while ((await hub.storage.store.readAll({ filter: { streamPrefixes: [saga] }, maxCount: 1 })).length === 0) await new Promise((r) => setTimeout(r, 25));
    dir = await mkdtemp(join(tmpdir(), 'trestle-preview-cli-'));
  });
  afterAll(async () => {
    await hub?.close();
    await qbo?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const trestle = async (...argv: string[]) => {
    const io = captureIo();
    const code = await runCli([...argv, '--connection', 'acme', '--url', hub.url, '--key', FINANCE_KEY], io);
    return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
  };

  it('prints the lines that would change and the totals, from flags naming the change; the mapping stays as it is', async () => {
    const { code, stdout } = await trestle('mapping', 'preview', '--cost-code', '23-31-00', '--cost-type', 'S', '--account', '63', '--class', '200000000000000122');
    expect(code).toBe(0);
    expect(stdout).toContain('Lines that would change (1)');
    expect(stdout).toMatch(/Bill NSM-1077 \(Northwind Sheet Metal LLC\)\s+no\s+23-31-00\/S\s+23-31-00\/S Supply and return ductwork\s+52500\.00\s+account Subcontractors \(61\), class 23 HVAC \(200000000000000123\)\s+account #63, class #200000000000000122/);
    expect(stdout).toMatch(/account #63\s+0\.00\s+52500\.00\s+52500\.00/);
    expect(stdout).toMatch(/23-31-00\/S\s+account 61 52500\.00\s+account 63 52500\.00/);
    const mapping = await fetch(`${hub.url}/admin/connections/acme/mapping`, { headers: { 'x-api-key': KEYS[0]!.key } });
    expect(((await mapping.json()) as { version: number }).version).toBe(1);
  });

  it('reads several changes from a YAML file', async () => {
    const file = join(dir, 'changes.yaml');
    await writeFile(file, 'changes:\n  - { costCode: 23-31-00, costType: M, item: "12" }\n  - { costCode: 23-37-00, costType: S, account: "63" }\n');
    const { code, stdout } = await trestle('mapping', 'preview', '--file', file);
    expect(code).toBe(0);
    expect(stdout).toContain('Lines that would change (2)');
    expect(stdout).toMatch(/23-31-00\/M\s+account 62 4800\.00\s+item 12 4800\.00/);
  });

  it('names the field of a bad change and exits 2: unknown cost code, unknown account', async () => {
    const unknownCode = await trestle('mapping', 'preview', '--cost-code', '99', '--account', '63');
    expect(unknownCode.code).toBe(2);
    expect(unknownCode.stderr).toContain('changes[0].costCode: no cost code 99 is in use');
    const unknownAccount = await trestle('mapping', 'preview', '--cost-code', '23-31-00', '--account', '999999');
    expect(unknownAccount.code).toBe(2);
    expect(unknownAccount.stderr).toContain('changes[0].account: account 999999 does not exist in the books');
    const noChange = await trestle('mapping', 'preview');
    expect(noChange.code).toBe(2);
    expect(noChange.stderr).toContain('name the change: --cost-code');
  });

  it('applies with --apply leave: a new mapping version, nothing posted to rewrite', async () => {
    const { code, stdout } = await trestle('mapping', 'preview', '--cost-code', '23-33-00', '--cost-type', 'S', '--account', '63', '--apply', 'leave');
    expect(code).toBe(0);
    expect(stdout).toContain('applied as mapping version 2; 0 posted document(s) left as they were posted');
  });

  it('publishes the preview and apply routes in the OpenAPI document, for finance and admin', async () => {
    const doc = (await (await fetch(`${hub.url}/docs/json`)).json()) as { paths: Record<string, Record<string, { 'x-roles'?: string[] }>> };
    for (const verb of ['preview', 'apply']) expect(Object.keys(doc.paths[`/admin/connections/{connection}/mapping/remap/${verb}`] ?? {})).toEqual(['post']);
    const auditor = await fetch(`${hub.url}/admin/connections/acme/mapping/remap/preview`, { method: 'POST', headers: { 'x-api-key': 'nope-key-0123456789abcdef' } });
    expect(auditor.status).toBe(401);
  });
});
