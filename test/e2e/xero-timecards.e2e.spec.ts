import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startDemoSandboxes, type DemoSandboxes } from '../../sandbox/demo-sandboxes.js';
import { RESOURCE } from '../../sandbox/procore/index.js';
import { SAMPLE_EMPLOYEES, SAMPLE_PROJECT } from '../../sandbox/sample/sample-project.js';
import type { TimeEntryRec } from '../../sandbox/xero/index.js';
import { projectRoot } from '../../src/platform/config/project-root.js';
import { startConfigTrestle, type ConfigTrestle } from './support/config-trestle.js';
import { eventually } from './support/trestle-harness.js';
import { keystoneXeroConfig } from './support/yaml-sides.js';

const FAST_RETRIES = { timeoutMs: 5000, retryDelayMs: (attempt: number) => (attempt < 20 ? 100 * attempt : undefined) };
const ADMIN_KEY = 'keystone-admin-key-0123456789';
const JOB_NAME = '2026-014 Riverside Medical Office';

/** A connection whose books are Xero (with the Projects scope the demo sandboxes consent to), defined only by YAML. */
const keystoneConfig = (s: DemoSandboxes) => keystoneXeroConfig(s, ADMIN_KEY);

type Row = { costCode: string; costType: string; labour: string; posted: string; books: string; variance: string; status: string };
const cents = (decimal: string) => Math.round(Number(decimal) * 100);

describe('a Xero connection\'s timecards reach Xero Projects as time entries, costed by the mapping\'s labourRates', () => {
  let sandboxes: DemoSandboxes;
  let hub: ConfigTrestle;
  /** settings.labourRates.workers of the sample mapping, read from the file: Procore worker id → hourly cost. */
  let rates: Record<string, string>;
  const admin = async (path: string) => (await fetch(`${hub.url}${path}`, { headers: { 'x-api-key': ADMIN_KEY } })).json();
  const book = () => sandboxes.xero.projects.book(sandboxes.xero.state.tenantId);
  const entries = (): TimeEntryRec[] => [...book().time.values()];
  const userName = (userId: string) => {
    const user = sandboxes.xero.state.users().find((u) => String(u.UserID) === userId);
    return user ? `${String(user.FirstName)} ${String(user.LastName)}` : undefined;
  };
  const procore = () => sandboxes.procore.state.store;
  /** A new timecard entry on 23-05-00/L, approved in Procore (with its webhook). */
  const approveNewTimecard = (partyId: number, partyName: string, date: string, hours: string) => {
    const template = procore().timecards.values().next().value!;
    const entry = { ...template, ...procore().audit(), date, hours, partyId, partyName, approvalStatus: 'approved' as const };
    procore().timecards.set(entry.id, entry);
    procore().changed(entry, RESOURCE.timecardEntries, 'create', procore().project.id);
    return entry;
  };

  beforeAll(async () => {
    sandboxes = await startDemoSandboxes({ webhookPolicy: FAST_RETRIES });
    const mapping = await readFile(join(projectRoot(), 'config/mapping.xero.sample.yaml'), 'utf8');
    rates = (parse(mapping) as { settings: { labourRates: { workers: Record<string, string> } } }).settings.labourRates.workers;
    hub = await startConfigTrestle(keystoneConfig(sandboxes), {}, { files: { 'keystone.mapping.yaml': mapping } });
    await sandboxes.connectWebhooks(hub.url, ['keystone']);
    sandboxes.procore.state.approveTimecards();
    await eventually('the week\'s ten time entries in Xero', () => entries().length >= 10, 120_000);
  }, 300_000);
  afterAll(async () => {
    await hub?.close();
    await sandboxes?.close();
  });

  it('logs each approved entry once, as the worker\'s Xero user, on the cost code\'s task in the job\'s project, for its duration', () => {
    const timecards = [...procore().timecards.values()].filter((t) => t.approvalStatus === 'approved' && t.deletedAt === null);
    expect(timecards).toHaveLength(10);
    // One project for the job, however many of its timecards posted side by side.
    const projects = [...book().projects.values()];
    expect(projects).toMatchObject([{ name: JOB_NAME, status: 'INPROGRESS' }]);
    const [project] = projects;
    expect(book().tasksOf(project!.projectId).map((t) => [t.name, t.chargeType])).toEqual([['23-05-00/L', 'NON_CHARGEABLE']]);
    // Each Procore entry exactly once: its marker leads the description.
    const byTimecard = timecards.map((t) => entries().filter((e) => e.description?.startsWith(`trestle:keystone:timecard-${t.id}:`)));
    expect(byTimecard.map((found) => found.length)).toEqual(timecards.map(() => 1));
    expect(byTimecard.map(([e]) => [userName(e!.userId), e!.duration, e!.dateUtc.slice(0, 10)]))
      .toEqual(timecards.map((t) => [t.partyName, Math.round(Number(t.hours) * 60), t.date]));
    expect(entries().reduce((sum, e) => sum + e.duration, 0)).toBe(77.5 * 60);
  });

  /** What Xero's own entries cost: each entry's minutes at the mapping's rate for its user's worker. */
  const xeroLabour = () => {
    const workerOf = (name: string | undefined) => SAMPLE_EMPLOYEES.find((e) => e.name === name)!.id;
    return entries().reduce((sum, e) => sum + Math.round(e.duration * cents(rates[workerOf(userName(e.userId))]!) / 60), 0);
  };
  const labourRow = (expected: number) => eventually(`labour of ${expected} cents in the reconciliation`, async () => {
    const { items } = (await admin(`/finance/reconciliation?connection=keystone&project=${SAMPLE_PROJECT.id}&pageSize=500`)) as { items: Row[] };
    return items.find((r) => r.costCode === '23-05-00' && r.costType === 'L' && cents(r.labour) === expected && cents(r.books) === expected && r.status === 'in_sync');
  }, 60_000);
  const entryOf = (timecardId: number) => entries().filter((e) => e.description?.startsWith(`trestle:keystone:timecard-${timecardId}:`));

  it('shows the labour cost in reconciliation: Xero\'s logged minutes at the mapping\'s rate for each worker', async () => {
    const expected = xeroLabour();
    expect(expected).toBe(3_570_00);
    const row = await labourRow(expected);
    expect([cents(row.posted), cents(row.variance)]).toEqual([expected, 0]);
  });

  it('updates the Xero entry in place when the timecard is edited in Procore, and deletes it when the timecard is deleted', async () => {
    const [edited, removed] = [...procore().timecards.values()].filter((t) => t.approvalStatus === 'approved' && t.deletedAt === null);
    const [before] = entryOf(edited!.id);
    edited!.hours = '6.50';
    procore().changed(edited!, RESOURCE.timecardEntries, 'update', procore().project.id);
    const [after] = await eventually('the edited entry in Xero', () => {
      const found = entryOf(edited!.id);
      return found[0]?.duration === 390 ? found : undefined;
    }, 90_000);
    expect(after!.timeEntryId).toBe(before!.timeEntryId);
    procore().changed(removed!, RESOURCE.timecardEntries, 'delete', procore().project.id);
    await eventually('the deleted entry gone from Xero', () => entryOf(removed!.id).length === 0, 90_000);
    expect(entryOf(edited!.id)).toHaveLength(1);
    const row = await labourRow(xeroLabour());
    expect(cents(row.labour)).toBe(3_570_00 - 90 * 48_00 / 60 - 450 * 44_00 / 60);
  });

  it('posts nothing twice when Procore delivers every webhook again', async () => {
    const before = entries().map((e) => e.timeEntryId).sort();
    for (const record of [...sandboxes.procore.webhooks.log]) sandboxes.procore.webhooks.send(record.message);
    // One entry more after the redeliveries: the hub handles a connection's notices in order, so once it is in
    // Xero every redelivery before it has been decided on.
    const later = approveNewTimecard(Number(SAMPLE_EMPLOYEES[1].id), SAMPLE_EMPLOYEES[1].name, '2026-03-09', '4.00');
    await eventually('the later entry in Xero', () => entries().some((e) => e.description?.startsWith(`trestle:keystone:timecard-${later.id}:`)), 90_000);
    expect(entries().filter((e) => !e.description?.startsWith(`trestle:keystone:timecard-${later.id}:`)).map((e) => e.timeEntryId).sort()).toEqual(before);
  });

  it('parks a timecard for a worker who is no user of the Xero organisation, naming the worker and the fix', async () => {
    const stranger = approveNewTimecard(7790, 'Pat Newhire', '2026-03-09', '6.00');
    type Item = { documentStream: string; reason: string };
    const [item] = await eventually('the stranger\'s timecard parked', async () => {
      const { items } = (await admin('/admin/quarantine?connection=keystone')) as { items: Item[] };
      const found = items.filter((i) => i.documentStream === `keystone.procore.timecard-${stranger.id}`);
      return found.length > 0 ? found : undefined;
    }, 60_000);
    expect(item!.reason).toContain('Procore worker 7790 (Pat Newhire): add Pat Newhire as a user of the Xero organisation with access to Projects');
    expect(entries().some((e) => e.description?.startsWith(`trestle:keystone:timecard-${stranger.id}:`))).toBe(false);
  });
});
