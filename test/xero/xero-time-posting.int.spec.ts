import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { DEFAULT_SCOPES, startXeroSandbox, type XeroSandbox } from '../../sandbox/xero/index.js';
import type { TimeEntryPosting } from '../../src/domain/books/index.js';
import { findPostedXeroTimeEntry, postXeroTimeEntry } from '../../src/adapters/xero/projects/post-time-entry.js';
import { findXeroEmployee, findXeroProjectJob, resolveXeroProjectJob } from '../../src/adapters/xero/projects/projects-lookups.js';
import { ensureProject, findProjectUser } from '../../src/adapters/xero/projects/project-time.js';
import { XeroProjectsClient } from '../../src/adapters/xero/projects/xero-projects-client.js';

const TENANT = SAMPLE_XERO.tenantId;

/** A timecard posted as the books port will post it to a Xero connection that uses Projects. */
describe('postXeroTimeEntry: a TimeEntryPosting as a Xero Projects time entry, once', () => {
  let sandbox: XeroSandbox;
  let projectId: string;
  let userId: string;

  const clientWith = async (scopes: readonly string[]) => {
    const tokens = await sandbox.state.issueTokens({ scopes });
    return XeroProjectsClient.create({
      system: 'xero', apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret,
      tenantId: TENANT, webhookKey: 'unused-here',
    }, { accessToken: () => Promise.resolve(tokens.access_token), invalidate: () => undefined });
  };
  let client: XeroProjectsClient;

  const posting = (overrides: Partial<TimeEntryPosting> = {}): TimeEntryPosting => ({
    kind: 'time-entry', employeeRef: { value: userId, name: 'Sam Sandbox' }, txnDate: '2026-03-30', hours: 7, minutes: 30,
    jobRef: { value: projectId, name: '2026-014 Riverside Medical Office' }, itemRef: { value: '23-05-00', name: '23-05-00 HVAC Labor' }, costCode: '23-05-00', costType: 'L',
    classRef: null, billable: true, hourlyRate: '92.00', costRate: '48.00',
    note: { marker: 'trestle:riverside-xero:timecard-5001:1', text: 'Duct install, level 2' }, ...overrides,
  });

  beforeAll(async () => {
    sandbox = await startXeroSandbox({ limits: { perMinute: 1000 } });
    client = await clientWith([...DEFAULT_SCOPES, 'projects']);
    const contactId = String(sandbox.state.contacts().find((c) => c.Name === 'Northwind Sheet Metal LLC')?.ContactID);
    const project = await ensureProject(client, { name: '2026-014 Riverside Medical Office', contactId }, 'job-1');
    const user = await findProjectUser(client, { email: 'sam.sandbox@example.com', name: 'unused' });
    if (!project.ok || !user.ok || !user.body) throw new Error('setup failed');
    projectId = project.body.value.projectId;
    userId = user.body.userId;
  });
  afterAll(() => sandbox.close());

  it('posts 7.5 hours on the cost code\'s task (named by the cost code, not the item a rule names) at the billable rate, and a redelivery finds it instead of posting again', async () => {
    const before = await findPostedXeroTimeEntry(client, posting());
    expect(before).toMatchObject({ ok: true, body: undefined });
    const first = await postXeroTimeEntry(client, posting(), 'req-501');
    expect(first.ok && first.body).toMatchObject({ duration: 450, userId, description: 'trestle:riverside-xero:timecard-5001:1 Duct install, level 2' });
    const again = await postXeroTimeEntry(client, posting(), 'req-502');
    expect(again.ok && again.body.timeEntryId).toBe(first.ok && first.body.timeEntryId);
    const found = await findPostedXeroTimeEntry(client, posting());
    expect(found.ok && found.body?.timeEntryId).toBe(first.ok && first.body.timeEntryId);

    const book = sandbox.projects.book(TENANT);
    expect(book.timeOf(projectId)).toHaveLength(1);
    expect(book.tasksOf(projectId).map((t) => [t.name, t.chargeType, t.rateCents])).toEqual([['23-05-00/L', 'TIME', 9200]]);
  });

  it('puts non-billable time on a non-chargeable task, and refuses a day longer than Xero holds without calling', async () => {
    const unbilled = await postXeroTimeEntry(client, posting({
      billable: false, hourlyRate: null, itemRef: null, costCode: '01-50-00', costType: null, note: { marker: 'trestle:riverside-xero:timecard-5002:1', text: '' },
    }), 'req-503');
    expect(unbilled.ok && unbilled.body.description).toBe('trestle:riverside-xero:timecard-5002:1');
    expect(sandbox.projects.book(TENANT).tasksOf(projectId).find((t) => t.name === '01-50-00')?.chargeType).toBe('NON_CHARGEABLE');
    const tooLong = await postXeroTimeEntry(client, posting({ hours: 1000, minutes: 0, note: { marker: 'trestle:x:long:1', text: '' } }), 'req-504');
    expect(!tooLong.ok && tooLong.error).toMatchObject({ kind: 'rejected', message: expect.stringMatching(/59940 minutes; this timecard has 60000/) });
  });

  it('resolves a job to its Xero project: found by name, created for the owner contact when missing, never twice', async () => {
    const owner = String(sandbox.state.contacts().find((c) => c.Name === 'Northwind Sheet Metal LLC')?.ContactID);
    const query = { projectId: '2470001', parentRef: { value: owner }, jobName: '2026-022 Harbor Clinic' };
    expect(await findXeroProjectJob(client, query)).toMatchObject({ ok: true, body: null });
    const created = await resolveXeroProjectJob(client, query, 'job-2');
    expect(created.ok && created.body).toMatchObject({ created: true, ref: { name: '2026-022 Harbor Clinic' } });
    const again = await resolveXeroProjectJob(client, query, 'job-3');
    expect(again.ok && again.body).toEqual({ created: false, ref: created.ok && created.body.ref });
    expect(await findXeroProjectJob(client, { ...query, jobName: '2026-014 Riverside Medical Office' })).toMatchObject({ ok: true, body: { ref: { value: projectId } } });
  });

  it('finds the worker among the organisation\'s several users, with no rates of Xero\'s own', async () => {
    expect(await findXeroEmployee(client, 'sam sandbox')).toEqual({ employeeRef: { value: userId, name: 'Sam Sandbox' }, billRate: null, costRate: null });
    const dana = await findXeroEmployee(client, 'Dana Ortiz');
    expect(dana).toMatchObject({ employeeRef: { name: 'Dana Ortiz' }, billRate: null, costRate: null });
    expect(dana?.employeeRef.value).not.toBe(userId);
    const added = sandbox.state.addUser('Rita Okafor', 'rita@example.com');
    expect(await findXeroEmployee(client, 'Rita Okafor')).toMatchObject({ employeeRef: { value: added } });
    expect(await findXeroEmployee(client, 'Pat Nobody')).toBeNull();
  });

  it('parks, saying why, when the connection may not use Xero Projects', async () => {
    const accountingOnly = await clientWith(DEFAULT_SCOPES);
    const refused = await postXeroTimeEntry(accountingOnly, posting({ note: { marker: 'trestle:x:scope:1', text: '' } }), 'req-505');
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'rejected', retryable: false, status: 403, message: expect.stringMatching(/does not use Xero Projects.*'projects' scope/) });
  });
});
