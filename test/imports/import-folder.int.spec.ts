import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from '../../src/adapters/import-kinds.js';
import { billId } from '../../src/adapters/buildertrend/bills-pos-kind.js';
import { importStream } from '../../src/adapters/imports/import-events.js';
import { ImportFolderService } from '../../src/adapters/imports/import-folder.service.js';
import { ImportsModule } from '../../src/adapters/imports/imports.module.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { SAMPLE_TAKEOFF } from './sample-files.js';

/** A connection's watched folder, scanned by hand (the timer is set far off): a file is taken on the second scan that sees it unchanged. */
describe('a watched import folder', () => {
  let hub: TestHub;
  let root: string;
  const scanTwice = async () => {
    const watcher = hub.app.get(ImportFolderService, { strict: false }).watcher;
    const first = await watcher.scan();
    return [...first, ...await watcher.scan()];
  };
  const drop = async (kind: string, name: string, content?: string, from?: string) => {
    await mkdir(join(root, kind, '2468013'), { recursive: true });
    if (from) await copyFile(from, join(root, kind, '2468013', name));
    else await writeFile(join(root, kind, '2468013', name), content ?? '');
  };
  const listed = async (...path: string[]) => (await readdir(join(root, ...path)).catch(() => [] as string[])).sort();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'trestle-import-folder-'));
    hub = await startTestHub([ImportsModule.forRoot({ connections: [{ name: 'acme', importFolder: root }], kinds: IMPORT_KINDS, folderPollMs: 3_600_000, now: () => new Date('2026-12-04T15:00:00.000Z') })]);
  });
  afterAll(async () => {
    await hub?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('imports a file dropped in {kind}/{project}/ once, moves it to done/, and takes the same file again as unchanged', async () => {
    await drop('planswift-takeoff', 'riverside.csv', undefined, SAMPLE_TAKEOFF);
    const results = await scanTwice();
    expect(results.map((r) => [r.outcome, r.detail])).toEqual([['imported', 'riverside.csv: revision 1']]);
    expect(await listed('planswift-takeoff', '2468013')).toEqual([]);
    expect(await listed('done', 'planswift-takeoff', '2468013')).toEqual(['2026-12-04T15-00-00-000Z-riverside.csv']);

    await drop('planswift-takeoff', 'riverside-again.csv', undefined, SAMPLE_TAKEOFF);
    expect((await scanTwice()).map((r) => r.outcome)).toEqual(['unchanged']);
    const revisions = await hub.storage.store.readStream(importStream('acme', 'planswift-takeoff', '2468013'));
    expect(revisions.map((e) => e.type)).toEqual(['ImportFileStored.v1', 'ImportRevisionRecorded.v1']);
  });

  it('moves a malformed file to failed/ with an error file naming the file, row and column, and imports none of it', async () => {
    await drop('buildertrend-bills-pos', 'bills.csv', 'Type,Number,Vendor,Date,Status,Cost Code,Amount\nBill,ZZ-1,Ann,3/2/2026,Open,23-07-00,$5.00\nBill,ZZ-2,Ann,3/2/2026,Open,23-07-00,lots\n');
    await drop('time-sheets', 'hours.csv', 'User,Date\n');
    const results = await scanTwice();
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    const failed = await listed('failed', 'buildertrend-bills-pos', '2468013');
    expect(failed).toEqual(['2026-12-04T15-00-00-000Z-bills.csv', '2026-12-04T15-00-00-000Z-bills.csv.error.txt']);
    const error = await readFile(join(root, 'failed', 'buildertrend-bills-pos', '2468013', failed[1]!), 'utf8');
    expect(error).toContain('bills.csv, row 3, column "Amount": "lots" is not a number');
    expect(await hub.storage.store.readStream(`acme.buildertrend.subcontractor_invoice-${billId('2468013', 'Ann', 'ZZ-1')}`)).toEqual([]);
    expect(await readFile(join(root, 'failed', 'time-sheets', '2468013', '2026-12-04T15-00-00-000Z-hours.csv.error.txt'), 'utf8')).toContain('the folder "time-sheets" is not an import kind');
  });

  it('waits for a file that is still being written: it is taken on the second scan that sees it unchanged', async () => {
    const watcher = hub.app.get(ImportFolderService, { strict: false }).watcher;
    await drop('planswift-takeoff', 'growing.csv', 'Item ID,Path,Name');
    expect(await watcher.scan()).toEqual([]);
    await writeFile(join(root, 'planswift-takeoff', '2468013', 'growing.csv'), await readFile(SAMPLE_TAKEOFF));
    expect(await watcher.scan()).toEqual([]);
    expect((await watcher.scan()).map((r) => r.outcome)).toEqual(['unchanged']);
  });
});
