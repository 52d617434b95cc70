import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XeroClient } from 'xero-node';
// The Projects models are not re-exported from the package root; this is where xero-node keeps them.
import { ChargeType, CurrencyCode } from 'xero-node/dist/gen/model/projects/models.js';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero/index.js';
import { apiFailure, connectedXeroClient, routeVendorHostsTo, SCOPES } from './xero-sdk.js';

const TENANT = SAMPLE_XERO.tenantId;

describe('xero-node (unmodified) ProjectApi against the Xero sandbox: projects, tasks, time entries', () => {
  let sandbox: XeroSandbox;
  let unroute: () => void;
  let xero: XeroClient;
  let contactId: string;

  beforeAll(async () => {
    sandbox = await startXeroSandbox();
    unroute = routeVendorHostsTo(sandbox);
    xero = await connectedXeroClient(sandbox, [...SCOPES, 'projects']);
    const contacts = await xero.accountingApi.getContacts(TENANT, undefined, 'Name=="Northwind Sheet Metal LLC"');
    contactId = contacts.body.contacts![0]!.contactID!;
  });
  afterAll(async () => {
    unroute();
    await sandbox.close();
  });

  it('creates a project, a task and a time entry, and reads the logged minutes and value back', async () => {
    const project = await xero.projectApi.createProject(TENANT, { contactId, name: '2026-014 Riverside Medical Office', estimateAmount: 125000 }, 'proj-key-1');
    expect(project.response.status).toBe(201);
    const projectId = project.body.projectId!;
    expect(project.body).toMatchObject({ name: '2026-014 Riverside Medical Office', status: 'INPROGRESS', currencyCode: 'USD', minutesLogged: 0 });

    const task = await xero.projectApi.createTask(TENANT, projectId, {
      name: '23 HVAC', rate: { currency: CurrencyCode.USD, value: 85.5 }, chargeType: ChargeType.TIME,
    }, 'task-key-1');
    expect(task.response.status).toBe(201);
    const taskId = task.body.taskId!;

    const users = await xero.projectApi.getProjectUsers(TENANT);
    const userId = users.body.items![0]!.userId!;
    const entry = await xero.projectApi.createTimeEntry(TENANT, projectId, {
      userId, taskId, dateUtc: new Date('2026-03-30T00:00:00Z'), duration: 450, description: 'Duct install [trestle:tc-991]',
    }, 'time-key-1');
    expect(entry.response.status).toBe(201);
    expect(entry.body).toMatchObject({ projectId, taskId, userId, duration: 450, description: 'Duct install [trestle:tc-991]', status: 'ACTIVE' });
    expect(entry.body.dateUtc!.toISOString()).toBe('2026-03-30T00:00:00.000Z');

    const listed = await xero.projectApi.getTimeEntries(TENANT, projectId, undefined, taskId);
    expect(listed.body.items!.map((e) => e.timeEntryId)).toEqual([entry.body.timeEntryId]);
    expect(listed.body.pagination).toMatchObject({ page: 1, pageSize: 50, itemCount: 1 });
    const read = (await xero.projectApi.getTask(TENANT, projectId, taskId)).body;
    // 450 minutes at 85.50 an hour = 641.25
    expect(read).toMatchObject({ totalMinutes: 450, totalAmount: { value: 641.25 } });
    expect((await xero.projectApi.getProject(TENANT, projectId)).body).toMatchObject({ minutesLogged: 450, totalTaskAmount: { value: 641.25 } });
  });

  it('replays a repeated Idempotency-Key instead of logging the time twice', async () => {
    const project = (await xero.projectApi.createProject(TENANT, { contactId, name: 'Replay project' })).body;
    const task = (await xero.projectApi.createTask(TENANT, project.projectId!, { name: 'Labour', rate: { value: 50 }, chargeType: ChargeType.TIME })).body;
    const userId = (await xero.projectApi.getProjectUsers(TENANT)).body.items![0]!.userId!;
    const body = { userId, taskId: task.taskId!, dateUtc: new Date('2026-04-01T00:00:00Z'), duration: 60 };
    const first = await xero.projectApi.createTimeEntry(TENANT, project.projectId!, body, 'replayed-time-1');
    const second = await xero.projectApi.createTimeEntry(TENANT, project.projectId!, body, 'replayed-time-1');
    expect(second.body.timeEntryId).toBe(first.body.timeEntryId);
    expect((await xero.projectApi.getTimeEntries(TENANT, project.projectId!)).body.items).toHaveLength(1);
  });

  it('refuses bad input with message and modelState: duration out of range, a stranger as user, a duplicate task', async () => {
    const project = (await xero.projectApi.createProject(TENANT, { contactId, name: 'Strict project' })).body;
    const task = (await xero.projectApi.createTask(TENANT, project.projectId!, { name: 'Labour', rate: { value: 50 }, chargeType: ChargeType.TIME })).body;
    const tooLong = await apiFailure(xero.projectApi.createTimeEntry(TENANT, project.projectId!, {
      userId: '6f0b7b0e-1111-4222-8333-944445555666', taskId: task.taskId!, dateUtc: new Date('2026-04-01T00:00:00Z'), duration: 59_941,
    }));
    expect(tooLong.response.statusCode).toBe(400);
    expect(tooLong.response.body).toMatchObject({ message: expect.any(String), modelState: { duration: [expect.stringMatching(/59940/)], userId: [expect.any(String)] } });
    const duplicate = await apiFailure(xero.projectApi.createTask(TENANT, project.projectId!, { name: 'labour', rate: { value: 1 }, chargeType: ChargeType.FIXED }));
    expect(duplicate.response.body).toMatchObject({ modelState: { name: [expect.stringMatching(/already exists/)] } });
  });

  it('lists the organisation\'s several users as project users, and logs time as any of them', async () => {
    const users = (await xero.projectApi.getProjectUsers(TENANT)).body.items!;
    expect(users.map((u) => u.name)).toEqual(expect.arrayContaining(['Dana Ortiz', 'Luis Brennan', 'Sam Sandbox']));
    const luis = users.find((u) => u.name === 'Luis Brennan')!;
    const project = (await xero.projectApi.createProject(TENANT, { contactId, name: 'Users project' })).body;
    const task = (await xero.projectApi.createTask(TENANT, project.projectId!, { name: '23-05-00/L', rate: { value: 0 }, chargeType: ChargeType.NONCHARGEABLE })).body;
    const entry = await xero.projectApi.createTimeEntry(TENANT, project.projectId!, { userId: luis.userId!, taskId: task.taskId!, dateUtc: new Date('2026-03-02T00:00:00Z'), duration: 450 });
    expect(entry.body).toMatchObject({ userId: luis.userId, duration: 450 });
  });

  it('needs the projects scope: an accounting-only connection is refused with 403', async () => {
    const accountingOnly = await connectedXeroClient(sandbox);
    const refused = await apiFailure(accountingOnly.projectApi.getProjects(TENANT));
    expect(refused.response.statusCode).toBe(403);
  });
});
