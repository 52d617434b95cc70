import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/api/auth/api-keys.js';
import { startReportingHub, type ReportingHub } from './reporting-hub.js';

interface Operation { path: string; method: string; roles: Role[] | undefined }

/** Every documented operation, with a plausible value in each path parameter (the guard answers before validation). */
const operationsOf = (doc: { paths: Record<string, Record<string, { 'x-roles'?: Role[] }>> }): Operation[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
    path: path.replace(/\{document\}/g, 'acme.procore.subcontractor_invoice-1').replace(/\{[^}]+\}/g, 'x'),
    method: method.toUpperCase(), roles: op['x-roles'],
  })));

describe('reporting API authentication, route by route', () => {
  let hub: ReportingHub;
  let operations: Operation[];
  beforeAll(async () => {
    hub = await startReportingHub();
    operations = operationsOf(await (await hub.get('/docs/json')).json() as never);
  });
  afterAll(async () => hub?.close());

  it('documents the routes, each with the roles it allows', () => {
    expect(operations.length).toBeGreaterThanOrEqual(13);
    expect(operations.filter((o) => !o.roles).map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('answers 401 with a problem body to a request without a key', async () => {
    for (const op of operations) {
      const response = await hub.send(op.method, op.path);
      expect(response.status, `${op.method} ${op.path}`).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
  });

  it('answers 403 with a problem body to every role the route does not allow', async () => {
    for (const op of operations) {
      const wrong = ROLES.filter((role) => role !== 'admin' && !op.roles!.includes(role));
      expect(wrong.length, `${op.method} ${op.path} should not be open to every role`).toBeGreaterThan(0);
      for (const role of wrong) {
        const response = await hub.send(op.method, op.path, role);
        expect(response.status, `${op.method} ${op.path} as ${role}`).toBe(403);
        expect(await response.json()).toMatchObject({ status: 403, title: 'Forbidden' });
      }
    }
  });
});
