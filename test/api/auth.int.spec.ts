import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthModule } from '../../src/api/auth/auth.module.js';
import { Roles } from '../../src/api/auth/roles.decorator.js';
import { startTestHub, type TestHub } from '../support/hub.js';

@Controller('probe')
class ProbeController {
  @Get('finance') @Roles('finance') finance() { return { ok: 'finance' }; }
  @Get('audit') @Roles('auditor') audit() { return { ok: 'auditor' }; }
  @Get('unmarked') unmarked() { return { ok: 'nobody should see this' }; }
}
@Module({ controllers: [ProbeController] })
class ProbeModule {}

const KEYS = { finance: 'finance-key-0123456789', auditor: 'auditor-key-0123456789', admin: 'admin-key-0123456789ab' };

describe('API key authentication', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub([AuthModule.forRoot(Object.entries(KEYS).map(([role, key]) => ({ role: role as 'finance', key }))), ProbeModule]);
  });
  afterAll(async () => hub?.close());

  const get = (path: string, key?: string) => fetch(`${hub.url}${path}`, { headers: key ? { 'x-api-key': key } : {} });

  it('leaves health public', async () => {
    expect((await get('/health/live')).status).toBe(200);
    expect((await get('/health/ready')).status).toBe(200);
  });

  it('answers 401 with a problem body without a key or with an unknown one', async () => {
    for (const key of [undefined, 'not-a-key-at-all-xxxxxxxx']) {
      const response = await get('/probe/finance', key);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
  });

  it('answers 403 for the wrong role, and lets the right role and admin through', async () => {
    const wrong = await get('/probe/finance', KEYS.auditor);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ status: 403, detail: expect.stringContaining('finance') });
    expect((await get('/probe/finance', KEYS.finance)).status).toBe(200);
    expect((await get('/probe/audit', KEYS.auditor)).status).toBe(200);
    expect((await get('/probe/audit', KEYS.admin)).status).toBe(200);
  });

  it('denies a route that declares no role to everyone but admin', async () => {
    expect((await get('/probe/unmarked', KEYS.finance)).status).toBe(403);
    expect((await get('/probe/unmarked', KEYS.admin)).status).toBe(200);
  });

  it('serves OpenAPI at /docs without a key', async () => {
    const doc = await (await get('/docs/json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/probe/finance');
  });
});
