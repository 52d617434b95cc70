import 'reflect-metadata';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { MappingApiModule } from '../../src/api/admin/admin-api.module.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthModule } from '../../src/api/auth/auth.module.js';
import { MappingModule } from '../../src/adapters/mapping/index.js';
import type { QuickBooksSandbox } from '../../sandbox/quickbooks/index.js';
import { runCli } from '../../src/cli/main.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { ADMIN_KEY, appendSampleDocuments, captureIo, KEYS, SAMPLE_MAPPING_FILE, startSandboxChart } from './mapping-support.js';

/** `trestle mapping ...` run in process against a hub whose chart is the QuickBooks sandbox company, over real HTTP. */
describe('trestle mapping check / document', () => {
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
    dir = await mkdtemp(join(tmpdir(), 'trestle-mapping-cli-'));
  });
  afterAll(async () => {
    await hub?.close();
    await qbo?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const trestle = async (...argv: string[]) => {
    const io = captureIo();
    const code = await runCli([...argv, '--url', hub.url, '--key', ADMIN_KEY], io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  it('passes the sample mapping: every reference is in the books and every cost code in use has a home', async () => {
    const { code, stdout } = await trestle('mapping', 'check', SAMPLE_MAPPING_FILE);
    expect(code).toBe(0);
    expect(stdout).toEqual([`${SAMPLE_MAPPING_FILE}: no problems (checked against the books; 6 cost code(s) in use all have a home)`]);
  });

  it('warns, without failing, when the mapping names classes and the books track none', async () => {
    qbo.company().setClassTracking({ ClassTrackingPerTxn: false, ClassTrackingPerLine: false });
    try {
      const { code, stdout, stderr } = await trestle('mapping', 'check', SAMPLE_MAPPING_FILE);
      expect(code).toBe(0);
      expect(stdout).toEqual([`${SAMPLE_MAPPING_FILE}: no problems (checked against the books; 6 cost code(s) in use all have a home)`]);
      expect(stderr).toEqual([expect.stringMatching(/^warning: rules\[\]\.class \(\d+ rules\): the books track no classes \(Preferences: ClassTrackingPerTxn and ClassTrackingPerLine are both off\)/)]);
    } finally {
      qbo.company().setClassTracking({ ClassTrackingPerLine: true });
    }
    qbo.company().setClassTracking({ ClassTrackingPerTxn: true, ClassTrackingPerLine: false });
    try {
      expect((await trestle('mapping', 'check', SAMPLE_MAPPING_FILE)).stderr).toEqual([]);
    } finally {
      qbo.company().setClassTracking({ ClassTrackingPerTxn: false, ClassTrackingPerLine: true });
    }
  });

  it('names an account the books do not have and each cost code in use with no home; exit 1', async () => {
    const text = await readFile(SAMPLE_MAPPING_FILE, 'utf8');
    const broken = text
      .replace('  - { costCode: "23", costType: M, account: { value: "62", name: Job Materials }, class: { value: "200000000000000123", name: 23 HVAC } }\n', '')
      .replace('account: { value: "65", name: Other Job Costs }', 'account: "99"');
    const file = join(dir, 'broken.yaml');
    await writeFile(file, broken);
    const { code, stdout, stderr } = await trestle('mapping', 'check', file, '--connection', 'acme');
    expect(code).toBe(1);
    expect(stdout).toEqual([
      'rules[5].account: account 99 does not exist in the books',
      'cost code 23-09-00/M (project 2468013, "Instrumentation and Control for HVAC"): has no mapping rule: add one for 23-09-00, 23-09 or 23, with cost type M or any',
      'cost code 23-31-00/M (project 2468013, "HVAC Ducts and Casings"): has no mapping rule: add one for 23-31-00, 23-31 or 23, with cost type M or any',
    ]);
    expect(stderr).toEqual([`${file}: 3 problem(s)`]);
  });

  it('prints structural problems without asking the books, and YAML syntax errors with their line', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'rules:\n  - { costCode: "23", account: "61", billable: maybe }\n');
    const structure = await trestle('mapping', 'check', file);
    expect(structure.code).toBe(1);
    expect(structure.stdout).toEqual(['rules[0].billable: expected true or false, got "maybe"']);
    await writeFile(file, 'rules:\n  - { costCode: "23"\n');
    const syntax = await trestle('mapping', 'check', file);
    expect(syntax.code).toBe(1);
    expect(syntax.stdout[0]).toMatch(/^\(yaml line \d+, column \d+\): /);
  });

  it('exits 2 naming what is wrong when the check cannot run', async () => {
    const missing = await trestle('mapping', 'check', join(dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.join('')).toContain('cannot read');
    const unknown = await trestle('mapping', 'check', SAMPLE_MAPPING_FILE, '--connection', 'harbor');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.join('')).toContain('no connection named harbor');
  });

  it('writes the mapping document as CSV to a file, and as Markdown to standard output', async () => {
    const out = join(dir, 'mapping.csv');
    const csv = await trestle('mapping', 'document', '--format', 'csv', '--out', out);
    expect(csv.code).toBe(0);
    const rows = (await readFile(out, 'utf8')).trimEnd().split('\r\n');
    expect(rows).toHaveLength(7);
    expect(rows).toContain('2468013,23-09-00,M,Instrumentation and Control for HVAC,Account,62,Job Materials (62),200000000000000123,23 HVAC (200000000000000123),2026-014 Riverside Medical Office (59),no,rules[2] 23/M,MAPPED');
    const markdown = await trestle('mapping', 'document', '--connection', 'acme');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout.join('')).toContain('| 2468013 | 23-31-00 | S | HVAC Ducts and Casings | Account | Subcontractors (61) |');
  });

  it('explains each command under --help', async () => {
    for (const verb of ['check', 'document']) {
      const io = captureIo();
      expect(await runCli(['mapping', verb, '--help'], io)).toBe(0);
      expect(io.stdout[0]).toContain(`Usage: trestle mapping ${verb}`);
      expect(io.stdout[0]).toContain('--connection NAME');
    }
  });
});
