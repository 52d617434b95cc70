import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Poller } from '../../src/adapters/pipeline/inbound/polling/poller.service.js';
import { startTrestle, type Trestle } from '../../src/hub/trestle.js';
import { loadEnv } from '../../src/platform/config/env.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const CONFIG = `connections:
  acme-qbd:
    construction: { system: procore, companyId: "1", clientId: pc, clientSecret: pc-secret, webhookAuthorization: "Bearer hook-token-0123456789", apiBaseUrl: "http://127.0.0.1:9", tokenUrl: "http://127.0.0.1:9/token" }
    accounting: { system: qbd, userName: acme-qbwc, password: "the-web-connector-password", appUrl: "http://localhost:3000/qbwc" }
    postingMode: live
`;

const soap = (method: string, inner: string) => `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${method} xmlns="http://developer.intuit.com/">${inner}</${method}></soap:Body></soap:Envelope>`;

describe('the hub serves the Web Connector for a QuickBooks Desktop connection in its config', () => {
  let db: TestDatabase;
  let dir: string;
  let trestle: Trestle;
  const call = (method: string, inner: string) => fetch(`${trestle.hub.url}/qbwc`, {
    method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"http://developer.intuit.com/${method}"` }, body: soap(method, inner),
  });

  beforeAll(async () => {
    db = await createTestDatabase('server');
    dir = await mkdtemp(join(tmpdir(), 'trestle-qbd-'));
    await writeFile(join(dir, 'trestle.yaml'), CONFIG);
    const env = loadEnv({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: db.url, TRESTLE_CONFIG: join(dir, 'trestle.yaml'), TRESTLE_SECRET_KEY: 'ab'.repeat(32) });
    trestle = await startTrestle(env, { story: false });
  }, 120_000);
  afterAll(async () => {
    await trestle?.close();
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers authenticate over SOAP at /qbwc: "nvu" for a wrong password, work ("": the open company file) once a poll queued the payment reads', async () => {
    const wrong = await call('authenticate', '<strUserName>acme-qbwc</strUserName><strPassword>nope</strPassword>');
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toMatch(/<authenticateResult><string>[0-9a-f-]{36}<\/string><string>nvu<\/string><\/authenticateResult>/);
    // Payments made in QuickBooks Desktop are read through the Web Connector: a poll queues the reads, so a session has work.
    await trestle.hub.app.get(Poller).pollNow('acme-qbd');
    const right = await call('authenticate', '<strUserName>acme-qbwc</strUserName><strPassword>the-web-connector-password</strPassword>');
    expect(await right.text()).toMatch(/<authenticateResult><string>[0-9a-f-]{36}<\/string><string\/?>(<\/string>)?<\/authenticateResult>/);
    const version = await call('serverVersion', '');
    expect(await version.text()).toContain('<serverVersionResult>Trestle');
  });
});
