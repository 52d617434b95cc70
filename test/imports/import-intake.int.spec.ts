import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/index.js';
import { ImportIntake, type ImportCommand } from '../../src/adapters/imports/import-intake.js';
import { importStream } from '../../src/adapters/imports/import-events.js';
import { NO_SETTINGS } from '../../src/adapters/imports/import-kind.js';
import { PLANSWIFT_TAKEOFF } from '../../src/adapters/planswift/takeoff-kind.js';
import { BUILDERTREND_TIME_CLOCK } from '../../src/adapters/buildertrend/time-clock-kind.js';
import { budgetLineStreams, expectedBudget, SAMPLE_TAKEOFF, SAMPLE_TAKEOFF_REV2 } from './sample-files.js';
import { startImportHub, type ImportHub } from './import-hub.js';

const command = (connection: string, file: string, receivedAt: string): ImportCommand => ({
  connection, kind: PLANSWIFT_TAKEOFF, settings: NO_SETTINGS, projectId: '2468013', fileName: 'takeoff.csv',
  content: readFileSync(file), uploadedBy: 'test', receivedAt,
});

/** A store whose appends to document streams fail until `healed`: a crash between the revision and its documents. */
const failingDocuments = (store: EventStore) => {
  const state = { healed: false };
  const proxy = new Proxy(store, {
    get: (target, name, receiver) => (name === 'append'
      ? (stream: string, ...rest: unknown[]) => {
        if (!state.healed && stream.includes('.planswift.budget_line-')) return Promise.reject(new Error('the process died here'));
        return (target.append as (...a: unknown[]) => Promise<unknown>).call(target, stream, ...rest);
      }
      : Reflect.get(target, name, receiver) as unknown),
  });
  return { store: proxy, state };
};

describe('the import intake', () => {
  let hub: ImportHub;
  beforeAll(async () => { hub = await startImportHub(); });
  afterAll(async () => hub?.close());

  const budgetStreams = async (connection: string) => new Set((await budgetLineStreams(hub.storage.store, connection)).keys());

  it('the same file sent twice at once is recorded once', async () => {
    const intake = new ImportIntake(hub.storage.store);
    const outcomes = await Promise.all([
      intake.import(command('twice', SAMPLE_TAKEOFF, '2026-12-04T10:00:00.000Z')),
      intake.import(command('twice', SAMPLE_TAKEOFF, '2026-12-04T10:00:00.001Z')),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['imported', 'unchanged']);
    const stream = await hub.storage.store.readStream(importStream('twice', 'planswift-takeoff', '2468013'));
    expect(stream.map((e) => e.type)).toEqual(['ImportFileStored.v1', 'ImportRevisionRecorded.v1']);
    expect((await budgetStreams('twice')).size).toBe(Object.keys(expectedBudget(SAMPLE_TAKEOFF)).length);
  });

  it('after a crash between a revision and its documents, sending the file again records what is missing', async () => {
    const broken = failingDocuments(hub.storage.store);
    await new ImportIntake(hub.storage.store).import(command('crash', SAMPLE_TAKEOFF, '2026-12-04T11:00:00.000Z'));
    await expect(new ImportIntake(broken.store).import(command('crash', SAMPLE_TAKEOFF_REV2, '2026-12-04T12:00:00.000Z'))).rejects.toThrow('the process died here');
    broken.state.healed = true;
    const again = await new ImportIntake(hub.storage.store).import(command('crash', SAMPLE_TAKEOFF_REV2, '2026-12-04T13:00:00.000Z'));
    expect(again).toMatchObject({ outcome: 'unchanged', revision: 2 });
    // The revision's changed, added and removed lines are all recorded now, at the revision's own time.
    const events = [...(await budgetLineStreams(hub.storage.store, 'crash')).values()].flat();
    const revised = events.filter((e) => (e.data as { version: string }).version === '2026-12-04T12:00:00.000Z').map((e) => e.streamName.split('-2468013:')[1]).sort();
    expect(revised).toEqual(['22-11-00:L', '22-11-00:M', '23-07-00:S', '23-33-00:S']);
  });

  it('time clock exports add up: a later export adds and changes shifts and voids none it does not repeat', async () => {
    const intake = new ImportIntake(hub.storage.store);
    const clock = (text: string, receivedAt: string): ImportCommand => ({ ...command('clock', SAMPLE_TAKEOFF, receivedAt), kind: BUILDERTREND_TIME_CLOCK, content: Buffer.from(text) });
    const header = 'User,Date,Clock In,Total Time,Cost Code,Approval Status\n';
    const week1 = `${header}Ann,3/2/2026,7:00 AM,8.00,22-11-00,Approved\nBo,3/3/2026,7:00 AM,6.25,23-05-00,Pending\n`;
    const week2 = `${header}Bo,3/3/2026,7:00 AM,6.25,23-05-00,Approved\nAnn,3/9/2026,7:00 AM,7.50,22-11-00,Approved\n`;
    const first = await intake.import(clock(week1, '2026-12-04T10:00:00.000Z'));
    const second = await intake.import(clock(week2, '2026-12-04T11:00:00.000Z'));
    expect(first.diff.added).toHaveLength(2);
    expect(second.diff.added).toHaveLength(1);
    expect(second.diff.changed).toHaveLength(1);
    expect(second.diff.removed).toEqual([]);
    const streams = [...first.diff.added, ...second.diff.added].map((id) => `clock.buildertrend.timecard-${id}`);
    const types = await Promise.all(streams.map(async (s) => (await hub.storage.store.readStream(s)).map((e) => e.type)));
    // Ann's first shift stays approved; Bo's pending shift is approved by the second export; Ann's new one is recorded.
    expect(types).toEqual([['TimecardApproved.v1'], ['TimecardApproved.v1'], ['TimecardApproved.v1']]);
    expect(second.diff.changed).toEqual([first.diff.added[1]]);
  });
});
