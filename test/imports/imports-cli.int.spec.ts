import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { importStream } from '../../src/adapters/imports/import-events.js';
import { budgetLineStreams, expectedBudget, SAMPLE_TAKEOFF, SAMPLE_TAKEOFF_REV2 } from './sample-files.js';
import { IMPORT_KEYS, startImportHub, type ImportHub } from './import-hub.js';

const capture = (): CliIo & { stdout: string[]; stderr: string[] } => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), interactive: false };
};

describe('trestle import and import check', () => {
  let hub: ImportHub;
  const dir = mkdtempSync(join(tmpdir(), 'trestle-import-'));
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'Name,Qty,Cost Each,Item #\nPipe,10,$2.00,22-11-00\nValve,ten,$5.00,22-11-00\n');
  const target = () => ['--connection', 'acme', '--project', '2468013', '--url', hub.url, '--key', IMPORT_KEYS.estimator];
  beforeAll(async () => { hub = await startImportHub(); });
  afterAll(async () => hub?.close());

  it('imports a takeoff, then finds the same file unchanged, then records the revision', async () => {
    const first = capture();
    expect(await runCli(['import', 'planswift-takeoff', SAMPLE_TAKEOFF, ...target()], first)).toBe(0);
    expect(first.stdout[0]).toBe(`planswift-takeoff-riverside.csv: revision 1: ${Object.keys(expectedBudget(SAMPLE_TAKEOFF)).length} added, 0 changed, 0 removed`);
    expect(first.stdout.at(-1)).toContain('held     planswift-takeoff-riverside.csv, row 21, column "Item #": "Test and balance" (6200.00) has no cost code');
    const again = capture();
    expect(await runCli(['import', 'planswift-takeoff', SAMPLE_TAKEOFF, ...target()], again)).toBe(0);
    expect(again.stdout).toEqual(['planswift-takeoff-riverside.csv: unchanged, the same file as revision 1; nothing recorded']);
    const revised = capture();
    expect(await runCli(['import', 'planswift-takeoff', SAMPLE_TAKEOFF_REV2, ...target()], revised)).toBe(0);
    expect(revised.stdout.slice(0, 5)).toEqual([
      'planswift-takeoff-riverside-rev2.csv: revision 2: 1 added, 2 changed, 1 removed',
      '  added    2468013:23-33-00:S', '  changed  2468013:22-11-00:L', '  changed  2468013:22-11-00:M', '  removed  2468013:23-07-00:S',
    ]);
  });

  it('a refused file exits 2 naming the file, row and column', async () => {
    const io = capture();
    expect(await runCli(['import', 'planswift-takeoff', bad, ...target()], io)).toBe(2);
    expect(io.stderr.join('')).toContain('422 Unprocessable Content: nothing was imported: bad.csv, row 3, column "Qty": "ten" is not a number');
  });

  it('import check shows columns, first rows and held rows, importing nothing', async () => {
    const count = async () => [...(await budgetLineStreams(hub.storage.store, 'acme')).values()].flat().length
      + (await hub.storage.store.readStream(importStream('acme', 'planswift-takeoff', '2468013'))).length;
    const before = await count();
    const io = capture();
    expect(await runCli(['import', 'check', SAMPLE_TAKEOFF], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('planswift-takeoff-riverside.csv: csv, 20 rows, read as planswift-takeoff');
    expect(text).toMatch(/costCode\s+<- Item #/);
    expect(text).toContain('ignored columns:\n  Tab');
    expect(text).toContain('row 2: itemId="{7A58A019-9BC2-55F6-9013-2BFF32ED5B78}" path="Plumbing" name="Plumbing"');
    expect(text).toContain('held back:\n  planswift-takeoff-riverside.csv, row 21, column "Item #"');
    expect(await count()).toBe(before);
  });

  it('import check exits 1 on problems, and reads a connection\'s column map', async () => {
    const io = capture();
    expect(await runCli(['import', 'check', bad], io)).toBe(1);
    expect(io.stdout.join('\n')).toContain('problems (nothing would be imported):\n  bad.csv, row 3, column "Qty": "ten" is not a number');
    const custom = join(dir, 'custom.csv');
    writeFileSync(custom, 'Description,Quantity,Unit Price,Code\nPipe,"1,000",$2.50,22-11-00\n');
    const columns = join(dir, 'columns.yaml');
    writeFileSync(columns, 'planswift-takeoff:\n  columns: { name: Description, unitCost: Unit Price, costCode: Code }\n');
    const mapped = capture();
    expect(await runCli(['import', 'check', custom, '--columns', columns], mapped)).toBe(0);
    expect(mapped.stdout.join('\n')).toContain('"amount": "2500.00"');
    const wrongMap = join(dir, 'wrong.yaml');
    writeFileSync(wrongMap, 'planswift-takeoff:\n  columns: { colour: Hue }\n');
    const refused = capture();
    expect(await runCli(['import', 'check', custom, '--columns', wrongMap], refused)).toBe(2);
    expect(refused.stderr.join('')).toContain('planswift-takeoff.columns.colour: not a field of planswift-takeoff');
  });
});
