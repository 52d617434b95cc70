import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { DEFAULT_SCOPES, startXeroSandbox, type XeroSandbox } from '../../sandbox/xero/index.js';
import {
  ensureProject, ensureTask, findProjectUser, findTimeEntryByMarker, postMarkedTimeEntry,
} from '../../src/adapters/xero/projects/project-time.js';
import { projectsBaseUrl, XeroProjectsClient } from '../../src/adapters/xero/projects/xero-projects-client.js';
import type { TokenSource } from '../../src/platform/oauth/oauth-errors.js';

const TENANT = SAMPLE_XERO.tenantId;
const JOB = '2026-014 Riverside Medical Office';
const MARKER = 'trestle:xero-demo:tc-7731:1';

describe('XeroProjectsClient against the Xero sandbox: project per job, task per cost code, marked time entries', () => {
  let sandbox: XeroSandbox;
  let client: XeroProjectsClient;
  let contactId: string;
  let userId: string;

  const fixedToken = (token: string): TokenSource => ({ accessToken: () => Promise.resolve(token), invalidate: () => undefined });

  beforeAll(async () => {
    sandbox = await startXeroSandbox({ limits: { perMinute: 1000 } });
    const tokens = await sandbox.state.issueTokens({ scopes: [...DEFAULT_SCOPES, 'projects'] });
    client = XeroProjectsClient.create({
      system: 'xero', apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret,
      tenantId: TENANT, webhookKey: 'unused-by-this-client',
    }, fixedToken(tokens.access_token));
    contactId = String(sandbox.state.contacts().find((c) => c.Name === 'Northwind Sheet Metal LLC')?.ContactID);
    const user = await findProjectUser(client, { name: 'Sam Sandbox' });
    if (!user.ok || !user.body) throw new Error('the sandbox has no project user');
    userId = user.body.userId;
  });
  afterAll(() => sandbox.close());

  it('creates one project and one task when a week of timecards asks for them at once', async () => {
    const many = await Promise.all(['a', 'b', 'c', 'd'].map((k) => ensureProject(client, { name: 'Busy job', contactId }, `busy-${k}`)));
    const ids = new Set(many.map((r) => (r.ok ? r.body.value.projectId : r.error.message)));
    expect(ids.size).toBe(1);
    const [projectId] = [...ids];
    const tasks = await Promise.all(['a', 'b', 'c'].map((k) => ensureTask(client, projectId!, { name: '23-05-00/L', rate: '0.00', chargeType: 'NON_CHARGEABLE' }, `busy-${k}`)));
    expect(new Set(tasks.map((r) => (r.ok ? r.body.value.taskId : r.error.message))).size).toBe(1);
    const book = sandbox.projects.book(TENANT);
    expect([...book.projects.values()].filter((p) => p.name === 'Busy job')).toHaveLength(1);
    expect(book.tasksOf(projectId!)).toHaveLength(1);
  });

  it('derives the Projects API base from the Accounting API base', () => {
    expect(projectsBaseUrl('https://api.xero.com/api.xro/2.0')).toBe('https://api.xero.com/projects.xro/2.0');
    expect(projectsBaseUrl(sandbox.apiBaseUrl)).toBe(sandbox.projectsApiBaseUrl);
  });

  it('finds or creates the job project and the cost-code task once, whatever the name case', async () => {
    const first = await ensureProject(client, { name: JOB, contactId }, 'req-1');
    expect(first.ok && first.body).toMatchObject({ created: true, value: { name: JOB, status: 'INPROGRESS' } });
    const again = await ensureProject(client, { name: JOB.toUpperCase(), contactId }, 'req-2');
    expect(again.ok && again.body).toMatchObject({ created: false, value: { projectId: first.ok && first.body.value.projectId } });
    const projectId = first.ok ? first.body.value.projectId : '';

    const task = await ensureTask(client, projectId, { name: '23 HVAC', rate: '85.50', chargeType: 'TIME' }, 'req-1');
    const sameTask = await ensureTask(client, projectId, { name: '23 hvac', rate: '85.50', chargeType: 'TIME' }, 'req-3');
    expect(task.ok && task.body.created).toBe(true);
    expect(sameTask.ok && sameTask.body).toMatchObject({ created: false, value: { taskId: task.ok && task.body.value.taskId } });
    const book = sandbox.projects.book(TENANT);
    expect([...book.projects.values()].filter((p) => p.name === JOB)).toHaveLength(1);
    expect(book.tasksOf(projectId).map((t) => [t.name, t.rateCents])).toEqual([['23 HVAC', 8550]]);
  });

  it('posts a time entry once per marker and finds it by marker; a neighbouring marker is not a match', async () => {
    const project = await ensureProject(client, { name: 'Marker job', contactId }, 'req-m');
    const projectId = project.ok ? project.body.value.projectId : '';
    const task = await ensureTask(client, projectId, { name: '03 Concrete', rate: '60.00', chargeType: 'TIME' }, 'req-m');
    const taskId = task.ok ? task.body.value.taskId : '';
    const entry = { projectId, taskId, userId, day: '2026-03-30', minutes: 450, marker: MARKER, text: 'Pour footings' };

    const posted = await postMarkedTimeEntry(client, entry, 'req-t1');
    expect(posted.ok && posted.body).toMatchObject({ created: true, value: { duration: 450, description: `${MARKER} Pour footings` } });
    const repeated = await postMarkedTimeEntry(client, entry, 'req-t2');
    expect(repeated.ok && repeated.body).toMatchObject({ created: false, value: { timeEntryId: posted.ok && posted.body.value.timeEntryId } });
    expect(sandbox.projects.book(TENANT).timeOf(projectId)).toHaveLength(1);

    const found = await findTimeEntryByMarker(client, { projectId, taskId, day: '2026-03-30' }, MARKER);
    expect(found.ok && found.body?.timeEntryId).toBe(posted.ok && posted.body.value.timeEntryId);
    const neighbour = await findTimeEntryByMarker(client, { projectId, taskId, day: '2026-03-30' }, `${MARKER}1`);
    expect(neighbour.ok && neighbour.body).toBeUndefined();
    const otherDay = await findTimeEntryByMarker(client, { projectId, taskId, day: '2026-03-31' }, MARKER);
    expect(otherDay.ok && otherDay.body).toBeUndefined();
  });

  it('refuses a duration Xero cannot hold before calling, and reports Xero\'s own refusal as rejected', async () => {
    const project = await ensureProject(client, { name: 'Refusals job', contactId }, 'req-r');
    const projectId = project.ok ? project.body.value.projectId : '';
    const task = await ensureTask(client, projectId, { name: 'Labour', rate: '50.00', chargeType: 'TIME' }, 'req-r');
    const taskId = task.ok ? task.body.value.taskId : '';
    const tooLong = await client.createTimeEntry(projectId, { taskId, userId, dateUtc: '2026-03-30T00:00:00Z', duration: 60_000, description: null }, 'k-long');
    expect(!tooLong.ok && tooLong.error).toMatchObject({ kind: 'rejected', message: expect.stringMatching(/59940/) });
    const stranger = await client.createTimeEntry(projectId, {
      taskId, userId: '6f0b7b0e-1111-4222-8333-944445555666', dateUtc: '2026-03-30T00:00:00Z', duration: 60, description: null,
    }, 'k-stranger');
    expect(!stranger.ok && stranger.error).toMatchObject({ kind: 'rejected', status: 400, body: { modelState: { userId: [expect.any(String)] } } });
    expect(sandbox.projects.book(TENANT).timeOf(projectId)).toHaveLength(0);
  });

  it('finds a closed job project rather than creating a second one', async () => {
    const created = await ensureProject(client, { name: 'Finished job', contactId }, 'req-c');
    const projectId = created.ok ? created.body.value.projectId : '';
    sandbox.projects.book(TENANT).projects.get(projectId)!.status = 'CLOSED';
    const found = await ensureProject(client, { name: 'Finished job', contactId }, 'req-c2');
    expect(found.ok && found.body).toMatchObject({ created: false, value: { projectId, status: 'CLOSED' } });
  });
});
