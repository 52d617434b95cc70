import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCOPES } from '../../sandbox/xero/index.js';
import type { TimeEntryPosting } from '../../src/domain/books/index.js';
import type { BooksRef } from '../../src/domain/shared/books-ref.js';
import { call, CONNECTION, startXeroPort, type XeroPortHarness } from './support/xero-port-harness.js';

const JOB_NAME = '2026-031 Dockside Lab';
const MARKER = 'trestle:acme:timecard-7001:1';

const timeEntry = (employeeRef: BooksRef, jobRef: BooksRef, overrides: Partial<TimeEntryPosting> = {}): TimeEntryPosting => ({
  kind: 'time-entry', employeeRef, jobRef, txnDate: '2026-04-02', hours: 7, minutes: 30,
  itemRef: null, costCode: '23-05-00', costType: 'L', classRef: null, billable: true, hourlyRate: '92.00', costRate: '48.00',
  note: { marker: MARKER, text: `${MARKER} Duct install, level 2` }, ...overrides,
});

/**
 * A timecard through the Xero books port: its job is the Job tracking option bills use, its
 * time lands in the Xero project of that name (created for the job's owner), on the cost
 * code's task, as the worker's project user; once, whatever the redeliveries.
 */
describe('XeroBooksPort time entries in Xero Projects', () => {
  let h: XeroPortHarness;
  let owner: string;
  let job: BooksRef;

  beforeAll(async () => {
    h = await startXeroPort({ limits: { perMinute: 1000 } }, {}, { scopes: [...DEFAULT_SCOPES, 'projects'] });
    owner = String(h.sandbox.state.contacts().find((c) => c.Name === 'Harbor Point Builders')?.ContactID);
    const resolved = await h.port.resolveJob(call(randomUUID()), { projectId: '2468031', parentRef: { value: owner }, jobName: JOB_NAME });
    if (!resolved.ok) throw new Error(resolved.message);
    job = resolved.value.ref;
  });
  afterAll(() => h.close());

  const book = () => h.sandbox.projects.book(h.sandbox.state.tenantId);
  const projectNamed = (name: string) => [...book().projects.values()].filter((p) => p.name === name);

  it('posts a timecard once, in the job\'s project for its owner, and finds it again after a lost answer', async () => {
    const worker = await h.port.findEmployee(CONNECTION, 'Sam Sandbox');
    expect(worker).toMatchObject({ employeeRef: { name: 'Sam Sandbox' }, billRate: null, costRate: null });
    const posting = timeEntry(worker!.employeeRef, job);
    expect(job.name).toBe(`Job/${JOB_NAME}`);
    expect(await h.port.findPosted(call('tc-7001'), posting)).toMatchObject({ ok: true, value: null });

    const first = await h.port.post(call('tc-7001'), posting);
    if (!first.ok) throw new Error(first.message);
    const [project] = projectNamed(JOB_NAME);
    expect(project).toMatchObject({ contactId: owner });
    expect(book().timeOf(project!.projectId).map((t) => [t.timeEntryId, t.userId, t.duration, t.description])).toEqual([
      [first.value.id, worker!.employeeRef.value, 450, `${MARKER} Duct install, level 2`],
    ]);
    expect(book().tasksOf(project!.projectId).map((t) => [t.name, t.chargeType, t.rateCents])).toEqual([['23-05-00/L', 'TIME', 9200]]);

    const again = await h.port.post(call('tc-7001'), posting);
    expect(again).toMatchObject({ ok: true, value: { id: first.value.id } });
    expect(await h.port.findPosted(call('tc-7001'), posting)).toMatchObject({ ok: true, value: { id: first.value.id } });
    expect(projectNamed(JOB_NAME)).toHaveLength(1);
    expect(book().timeOf(project!.projectId)).toHaveLength(1);
  });

  it('names the project from a mapping\'s bare Job option id, and parks when no project exists and the job names no owner', async () => {
    const worker = await h.port.findEmployee(CONNECTION, 'Sam Sandbox');
    const optionId = job.value.slice(0, job.value.indexOf('@'));
    const bare = timeEntry(worker!.employeeRef, { value: optionId }, { note: { marker: 'trestle:acme:timecard-7003:1', text: '' } });
    const posted = await h.port.post(call('tc-7003'), bare);
    if (!posted.ok) throw new Error(posted.message);
    const [project] = projectNamed(JOB_NAME);
    expect(book().timeOf(project!.projectId).map((t) => t.timeEntryId)).toContain(posted.value.id);

    const ownerless = timeEntry(worker!.employeeRef, { value: 'Job/2026-099 Nobody Owns This' }, { note: { marker: 'trestle:acme:timecard-7004:1', text: '' } });
    expect(await h.port.post(call('tc-7004'), ownerless)).toMatchObject({ ok: false, kind: 'permanent', code: 'JOB_OWNER_MISSING' });
    expect(projectNamed('2026-099 Nobody Owns This')).toHaveLength(0);
  });

  it('parks a timecard, saying why, when the connection may not use Xero Projects; nothing is created', async () => {
    const accountingOnly = await startXeroPort({ limits: { perMinute: 1000 } });
    try {
      expect(await accountingOnly.port.findEmployee(CONNECTION, 'Sam Sandbox')).toBeNull();
      const resolved = await accountingOnly.port.resolveJob(call(randomUUID()), { projectId: '2468032', parentRef: { value: owner }, jobName: '2026-032 Pier Annex' });
      if (!resolved.ok) throw new Error(resolved.message);
      const refused = await accountingOnly.port.post(call('tc-7002'), timeEntry({ value: randomUUID(), name: 'Sam Sandbox' }, resolved.value.ref));
      expect(refused).toMatchObject({ ok: false, kind: 'permanent', status: 403, message: expect.stringMatching(/does not use Xero Projects.*'projects' scope/) });
      expect([...accountingOnly.sandbox.projects.book(accountingOnly.sandbox.state.tenantId).projects.values()].map((p) => p.name)).not.toContain('2026-032 Pier Annex');
    } finally {
      await accountingOnly.close();
    }
  });
});
