import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SOURCE_SYSTEM_MODULES } from '../../src/adapters/source-systems.js';
import { InboundModule } from '../../src/adapters/pipeline/inbound/inbound.module.js';
import { hmacSha256Base64 } from '../../src/adapters/pipeline/inbound/webhooks/signatures.js';
import type { TrestleConfig } from '../../src/platform/config/connection.types.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { allEvents } from './support/inbound-harness.js';

const PROCORE_AUTH = 'Bearer procore-hook-secret-0123456789';
const VERIFIER = 'intuit-verifier-token-0123456789';
const XERO_KEY = 'xero-webhook-key-0123456789abcdef';
const REALM = '9130350000000001';
const TENANT = 'aef86862-2015-4b6b-88bc-d89032cecc50';
const nowhere = 'http://127.0.0.1:9';
const oauth = { apiBaseUrl: nowhere, tokenUrl: `${nowhere}/token`, clientId: 'id', clientSecret: 'secret', refreshToken: 'rt' };
const procore = { ...oauth, system: 'procore', companyId: '5358233', grant: 'client_credentials', webhookAuthorization: PROCORE_AUTH } as const;

const CONFIG: TrestleConfig = {
  demo: false, apiKeys: [],
  connections: [
    { name: 'acme', construction: procore, polling: { intervalSeconds: 300 }, postingMode: 'live',
      accounting: { ...oauth, system: 'quickbooks', realmId: REALM, webhookVerifierToken: VERIFIER, minorVersion: 75 } },
    { name: 'harbor', construction: procore, polling: { intervalSeconds: 300 }, postingMode: 'live',
      accounting: { ...oauth, system: 'xero', tenantId: TENANT, webhookKey: XERO_KEY } },
  ],
};

type Endpoint = 'procore' | 'quickbooks' | 'xero';
const PATHS: Record<Endpoint, string> = { procore: '/webhooks/procore/acme', quickbooks: '/webhooks/quickbooks', xero: '/webhooks/xero' };

/** A valid delivery of each kind; `mark` goes into the field under test (empty: the delivery as a vendor sends it). */
const DELIVERIES: Array<{ endpoint: Endpoint; field: string; body: (mark: string, n: number) => unknown }> = [
  { endpoint: 'procore', field: 'resource_name', body: (mark, n) => ({ ulid: `01J${n}AAAAAAAAAAAAAAAAAAAAA`, resource_name: `Requisitions${mark}`, resource_id: 1000 + n, event_type: 'update', company_id: 5358233, project_id: 2468013, timestamp: '2026-03-02T10:00:00Z' }) },
  { endpoint: 'procore', field: 'user_name', body: (mark, n) => ({ ulid: `01K${n}AAAAAAAAAAAAAAAAAAAAA`, resource_name: 'Requisitions', resource_id: 2000 + n, event_type: 'update', company_id: 5358233, project_id: 2468013, user_name: `Pat${mark}` }) },
  { endpoint: 'quickbooks', field: '[0].id', body: (mark, n) => [{ id: `ce-${n}${mark}`, type: 'qbo.bill.updated.v1', intuitaccountid: REALM, intuitentityid: String(145 + n), time: '2026-03-02T10:00:00Z', specversion: '1.0' }] },
  { endpoint: 'quickbooks', field: 'operation', body: (mark, n) => ({ eventNotifications: [{ realmId: REALM, dataChangeEvent: { entities: [{ name: 'Bill', id: String(300 + n), operation: `Update${mark}`, lastUpdated: `2026-03-02T10:00:0${n % 10}Z` }] } }] }) },
  { endpoint: 'xero', field: 'eventCategory', body: (mark, n) => ({ events: [{ tenantId: TENANT, resourceId: `0f4a1b2c-0000-4000-8000-00000000000${n % 10}`, eventCategory: `INVOICE${mark}`, eventType: 'UPDATE', eventDateUtc: '2026-03-02T10:00:00.000' }], firstEventSequence: n, lastEventSequence: n, entropy: 'ABCDEF' }) },
];

const signed = (endpoint: Endpoint, body: Buffer): Record<string, string> => {
  if (endpoint === 'procore') return { authorization: PROCORE_AUTH };
  if (endpoint === 'quickbooks') return { 'intuit-signature': hmacSha256Base64(VERIFIER, body) };
  return { 'x-xero-signature': hmacSha256Base64(XERO_KEY, body) };
};

const post = (hub: TestHub, endpoint: Endpoint, value: unknown) => {
  const body = Buffer.from(JSON.stringify(value));
  return fetch(`${hub.url}${PATHS[endpoint]}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signed(endpoint, body) } });
};

describe('control characters in signed webhook bodies', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub([InboundModule.forRoot({ config: CONFIG, polling: false }), ...SOURCE_SYSTEM_MODULES], {
      env: { TRESTLE_SECRET_KEY: randomBytes(32).toString('hex'), TRESTLE_DATA_DIR: `/tmp/trestle-ctrl-${randomBytes(4).toString('hex')}` },
    });
  });
  afterAll(async () => hub?.close());

  it('refuses a NUL, a C0 or C1 control or a lone surrogate in any stored field with 400 naming it, and appends nothing', async () => {
    const before = (await allEvents(hub.storage.store)).length;
    let n = 0;
    for (const delivery of DELIVERIES) {
      for (const mark of ['\u0000', '\u0007', '\n', '\u007f', '\u0085', '\ud800']) {
        n++;
        const response = await post(hub, delivery.endpoint, delivery.body(mark, n));
        const label = `${delivery.endpoint} ${delivery.field} ${JSON.stringify(mark)}`;
        expect(response.status, label).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect((await response.json() as { detail: string }).detail, label).toContain(delivery.field);
      }
    }
    expect((await allEvents(hub.storage.store)).length).toBe(before);
  });

  it('refuses a control character in a key, too', async () => {
    const response = await post(hub, 'procore', { ...(DELIVERIES[0]!.body('', 99) as object), 'note\u0000': 'x' });
    expect(response.status).toBe(400);
    expect((await response.json() as { detail: string }).detail).toContain('control character');
  });

  it('accepts the same deliveries without the control character (so the refusals above are for it alone)', async () => {
    const before = (await allEvents(hub.storage.store)).length;
    for (const [i, delivery] of DELIVERIES.entries()) {
      const response = await post(hub, delivery.endpoint, delivery.body('', 500 + i));
      expect(response.status, `${delivery.endpoint} ${delivery.field}: ${await response.text()}`).toBe(200);
    }
    // $all shows an event once every lower position is committed too (the processor appends beside
    // these): wait for the reads to catch up, then every delivery must be there.
    await vi.waitFor(async () => expect((await allEvents(hub.storage.store)).length).toBe(before + DELIVERIES.length), { timeout: 30_000, interval: 100 });
  });
});
