import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolveBudget, initialBudgetState, projectBudget, type BudgetInput } from '../../src/domain/budget/index.js';
import { importStream } from '../../src/adapters/imports/import-events.js';
import { budgetLineStreams, expectedBudget, SAMPLE_TAKEOFF, SAMPLE_TAKEOFF_REV2 } from './sample-files.js';
import { startImportHub, type ImportHub } from './import-hub.js';

const PATH = '/imports/acme/planswift-takeoff?project=2468013';
const STREAM = importStream('acme', 'planswift-takeoff', '2468013');

describe('REST upload of a PlanSwift takeoff', () => {
  let hub: ImportHub;
  beforeAll(async () => { hub = await startImportHub(); });
  afterAll(async () => hub?.close());

  const budgetStreams = () => budgetLineStreams(hub.storage.store, 'acme');
  const budgetEvents = async () => [...(await budgetStreams()).values()].flat();
  /** Events on the import's stream and every budget line stream it could touch. */
  const eventCount = async () => (await budgetEvents()).length + (await hub.storage.store.readStream(STREAM)).length;
  /** The hub's budget model folded from what was recorded, per cost code and type. */
  const originalBudget = async (): Promise<Record<string, number>> => {
    const state = (await budgetEvents()).reduce((s, e) => evolveBudget(s, { type: e.type, data: e.data } as BudgetInput), initialBudgetState);
    return Object.fromEntries(projectBudget(state, '2468013').filter((l) => l.originalBudget !== 0).map((l) => [`${l.costCode}|${l.costType ?? ''}`, l.originalBudget]));
  };

  it('stores the file and records budget lines equal to the sums computed from the file', async () => {
    const response = await hub.upload(PATH, readFileSync(SAMPLE_TAKEOFF), 'riverside.csv');
    expect(response.status).toBe(201);
    const body = (await response.json()) as { held: unknown[]; diff: unknown };
    expect(body).toMatchObject({ outcome: 'imported', revision: 1, diff: { changed: [], removed: [] } });
    expect(body.held).toEqual([expect.objectContaining({ row: 21, column: 'Item #' })]);
    expect(await originalBudget()).toEqual(expectedBudget(SAMPLE_TAKEOFF));
    const [file] = await hub.storage.store.readStream(STREAM);
    expect(file).toMatchObject({ type: 'ImportFileStored.v1', data: { fileName: 'riverside.csv', uploadedBy: 'estimator-jo', size: readFileSync(SAMPLE_TAKEOFF).length } });
    expect(Buffer.from((file!.data as { content: string }).content, 'base64').equals(readFileSync(SAMPLE_TAKEOFF))).toBe(true);
  });

  it('the same file again is a no-op', async () => {
    const before = await eventCount();
    const response = await hub.upload(PATH, readFileSync(SAMPLE_TAKEOFF), 'riverside-again.csv');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'unchanged', revision: 1 });
    expect(await eventCount()).toBe(before);
  });

  it('the revision records exactly the changed, removed and added lines, and the budget follows', async () => {
    const before = await budgetStreams();
    const response = await hub.upload(PATH, readFileSync(SAMPLE_TAKEOFF_REV2), 'riverside-rev2.csv', 'admin');
    expect(response.status).toBe(201);
    const body = (await response.json()) as { held: unknown[]; diff: unknown };
    expect(body).toMatchObject({ outcome: 'imported', revision: 2 });
    expect(body.diff).toEqual({ added: ['2468013:23-33-00:S'], changed: ['2468013:22-11-00:L', '2468013:22-11-00:M'], removed: ['2468013:23-07-00:S'] });
    const appended = [...(await budgetStreams())].filter(([stream, events]) => events.length > (before.get(stream)?.length ?? 0)).map(([stream]) => stream).sort();
    expect(appended).toEqual(['22-11-00:L', '22-11-00:M', '23-07-00:S', '23-33-00:S'].map((k) => `acme.planswift.budget_line-2468013:${k}`));
    expect(await originalBudget()).toEqual(expectedBudget(SAMPLE_TAKEOFF_REV2));
    const revisions = (await hub.storage.store.readStream(STREAM)).filter((e) => e.type === 'ImportRevisionRecorded.v1');
    expect(revisions.map((e) => (e.data as { revision: number }).revision)).toEqual([1, 2]);
  });

  it('refuses a non-numeric quantity with a 422 problem naming file, row and column, importing nothing', async () => {
    const before = await eventCount();
    const response = await hub.upload(PATH, 'Name,Qty,Cost Each,Item #\nPipe,10,$2.00,22-11-00\nValve,ten,$5.00,22-11-00\n', 'bad.csv');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { detail: string; problems: unknown[] };
    expect(problem.detail).toBe('nothing was imported: bad.csv, row 3, column "Qty": "ten" is not a number');
    expect(problem.problems).toEqual([{ row: 3, column: 'Qty', message: '"ten" is not a number' }]);
    expect(await eventCount()).toBe(before);
  });

  it('answers wrong type 415, over the limit 413, unknown connection 404, another role 403', async () => {
    expect((await hub.upload(PATH, Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe]), 'plan.pdf')).status).toBe(415);
    const big = Buffer.alloc(600 * 1024, 'a,b\n');
    const tooLarge = await hub.upload(PATH, big, 'huge.csv');
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { detail: string }).detail).toContain('huge.csv');
    expect((await hub.upload('/imports/nosuch/planswift-takeoff?project=1', 'a\n1\n', 'x.csv')).status).toBe(404);
    expect((await hub.upload(PATH, readFileSync(SAMPLE_TAKEOFF), 'x.csv', 'finance')).status).toBe(403);
    const json = await fetch(`${hub.url}${PATH}`, { method: 'POST', headers: { 'x-api-key': 'estimator-key-01234567', 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    const unknownFirst = await fetch(`${hub.url}/imports/nosuch/planswift-takeoff`, { method: 'POST', headers: { 'x-api-key': 'estimator-key-01234567' } });
    expect(unknownFirst.status).toBe(404);
    expect(((await unknownFirst.json()) as { detail: string }).detail).toBe('no connection named nosuch');
    expect((await hub.upload('/imports/acme/nosuch-kind?project=1', 'a\n1\n', 'x.csv')).status).toBe(404);
    expect((await hub.upload('/imports/acme/planswift-takeoff?project=1&project=2', 'a\n1\n', 'x.csv')).status).toBe(400);
    expect((await hub.upload('/imports/acme/planswift-takeoff', 'a\n1\n', 'x.csv')).status).toBe(400);
  });
});
