import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcoreSandbox, type ProcoreSandbox } from '../../sandbox/procore/index.js';
import { startQuickBooksSandbox, type QuickBooksSandbox } from '../../sandbox/quickbooks/index.js';
import { quickBooksBookkeeper } from '../../sandbox/story/bookkeepers.js';
import { SAMPLE_STORY } from '../../sandbox/story/sample-story.js';
import { playStory } from '../../sandbox/story/story-player.js';

describe('the sample story', () => {
  let procore: ProcoreSandbox;
  let quickbooks: QuickBooksSandbox;
  beforeAll(async () => {
    procore = await startProcoreSandbox();
    quickbooks = await startQuickBooksSandbox();
  });
  afterAll(async () => {
    await procore?.close();
    await quickbooks?.close();
  });

  it('plays every Procore step in order and skips, without stopping, what waits on the hub', async () => {
    const said: string[] = [];
    const skipped: string[] = [];
    const log = { info: (_: object, m: string) => void said.push(m), warn: (_: object, m: string) => void skipped.push(m) };
    await playStory(SAMPLE_STORY, { procore, bookkeeper: quickBooksBookkeeper(quickbooks) }, log, 200).finished;
    const store = procore.state.store;
    expect(said.some((m) => m.includes('approves subcontractor invoice NSM-1041'))).toBe(true);
    // With no hub running, nothing was posted, so the bookkeeper's payments are skipped.
    expect(skipped).toHaveLength(2);
    expect(skipped[0]).toMatch(/pays half of NSM-1041.*not in the books yet/);
    expect(said.at(-1)).toMatch(/the sample month is over/);
    expect([...store.requisitions.values()].map((r) => r.status)).toEqual(['approved', 'approved', 'approved', 'approved']);
    expect([...store.commitments.values()].map((c) => c.status)).toEqual(['Approved', 'Approved']);
    expect([...store.changeOrders.values()].every((c) => c.status === 'approved')).toBe(true);
    expect([...store.paymentApplications.values()].map((p) => p.status)).toEqual(['approved', 'approved']);
    expect([...store.timecards.values()].every((t) => t.approvalStatus === 'approved')).toBe(true);
  });
});
