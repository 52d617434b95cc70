import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { SOURCE_SYSTEM_MODULES } from '../../src/adapters/source-systems.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundModule } from '../../src/adapters/pipeline/inbound/inbound.module.js';
import { hmacSha256Base64 } from '../../src/adapters/pipeline/inbound/webhooks/signatures.js';
import type { TrestleConfig } from '../../src/platform/config/connection.types.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { allEvents } from './support/inbound-harness.js';

const PROCORE_AUTH = 'Bearer procore-hook-secret-0123456789';
const VERIFIER = 'intuit-verifier-token-0123456789';
const XERO_KEY = 'xero-webhook-key-0123456789abcdef';
const nowhere = 'http://127.0.0.1:9';
const oauth = { apiBaseUrl: nowhere, tokenUrl: `${nowhere}/token`, clientId: 'id', clientSecret: 'secret', refreshToken: 'rt' };
const procore = { ...oauth, system: 'procore', companyId: '5358233', grant: 'client_credentials', webhookAuthorization: PROCORE_AUTH } as const;

const CONFIG: TrestleConfig = {
  demo: false, apiKeys: [],
  connections: [
    { name: 'acme', construction: procore, polling: { intervalSeconds: 300 }, postingMode: 'live',
      accounting: { ...oauth, system: 'quickbooks', realmId: '9130350000000001', webhookVerifierToken: VERIFIER, minorVersion: 75 } },
    { name: 'harbor', construction: procore, polling: { intervalSeconds: 300 }, postingMode: 'live',
      accounting: { ...oauth, system: 'xero', tenantId: 'aef86862-2015-4b6b-88bc-d89032cecc50', webhookKey: XERO_KEY } },
  ],
};

type Endpoint = 'procore' | 'quickbooks' | 'xero';
type Signing = 'none' | 'garbage' | 'wrong-key' | 'valid';

interface Attempt {
  readonly body: Buffer;
  readonly contentType: string | undefined;
  readonly signing: Signing;
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/cloudevents-batch+json', 'text/plain', 'application/xml',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png', ''];

/** Bodies that are never a valid delivery: random bytes and text, JSON of other shapes, the right keys with wrong types, deep nesting, oversize. */
const bodies = (endpoint: Endpoint): fc.Arbitrary<Buffer> => {
  const wrongTypes = {
    procore: fc.record({ resource_name: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string())), resource_id: fc.oneof(fc.object(), fc.boolean(), fc.constant(-1)), event_type: fc.anything() }),
    quickbooks: fc.oneof(
      fc.record({ eventNotifications: fc.oneof(fc.string(), fc.integer(), fc.object(), fc.constant([{ realmId: {}, dataChangeEvent: [] }])) }),
      fc.array(fc.record({ id: fc.integer(), type: fc.oneof(fc.string(), fc.constant('qbo.bill.created.v1')), intuitaccountid: fc.object() }), { minLength: 1, maxLength: 3 })),
    xero: fc.record({ events: fc.oneof(fc.string(), fc.object(), fc.constant([{ tenantId: 5, resourceId: [], eventCategory: {} }])), entropy: fc.anything() }),
  }[endpoint];
  return fc.oneof(
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 512 }).map((s) => Buffer.from(s)) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 3, arbitrary: wrongTypes.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: fc.integer({ min: 40, max: 20_000 }).map((n) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`)) },
    { weight: 1, arbitrary: fc.integer({ min: 1_048_577, max: 1_100_000 }).map((n) => Buffer.from(`"${'x'.repeat(n)}"`)) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((n) => Buffer.from(JSON.stringify({ text: 'y'.repeat(n) }))) },
  );
};

const attempts = (endpoint: Endpoint): fc.Arbitrary<Attempt> => fc.record({
  body: bodies(endpoint),
  contentType: fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.constant(undefined), fc.string({ maxLength: 40 }).filter((s) => /^[\x21-\x7e]*$/.test(s))),
  signing: fc.constantFrom<Signing>('none', 'garbage', 'wrong-key', 'valid'),
});

const signatureHeaders = (endpoint: Endpoint, attempt: Attempt): Record<string, string> => {
  if (attempt.signing === 'none') return {};
  if (endpoint === 'procore') {
    const value = { garbage: 'Bearer nope', 'wrong-key': `${PROCORE_AUTH}0`, valid: PROCORE_AUTH }[attempt.signing];
    return { authorization: value };
  }
  const key = endpoint === 'quickbooks' ? VERIFIER : XERO_KEY;
  const value = attempt.signing === 'garbage' ? randomBytes(32).toString('base64') : hmacSha256Base64(attempt.signing === 'valid' ? key : `${key}x`, attempt.body);
  return { [endpoint === 'quickbooks' ? 'intuit-signature' : 'x-xero-signature']: value };
};

const PATHS: Record<Endpoint, string> = { procore: '/webhooks/procore/acme', quickbooks: '/webhooks/quickbooks', xero: '/webhooks/xero' };

/** A correctly signed Xero probe with no events is intent-to-receive: 200, empty body. */
const isIntentToReceive = (endpoint: Endpoint, attempt: Attempt): boolean => {
  if (endpoint !== 'xero' || attempt.signing !== 'valid' || !/^application\/([a-z0-9.+-]+\+)?json/i.test(attempt.contentType ?? '')) return false;
  try {
    const value = JSON.parse(attempt.body.toString('utf8')) as { events?: unknown };
    return Array.isArray(value.events) && value.events.length === 0;
  } catch {
    return false;
  }
};

describe('webhook receivers under fuzzing', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub([InboundModule.forRoot({ config: CONFIG, polling: false }), ...SOURCE_SYSTEM_MODULES], {
      env: { TRESTLE_SECRET_KEY: randomBytes(32).toString('hex'), TRESTLE_DATA_DIR: `/tmp/trestle-fuzz-${randomBytes(4).toString('hex')}` },
    });
  });
  afterAll(async () => {
    await hub?.close();
  });

  for (const endpoint of ['procore', 'quickbooks', 'xero'] as const) {
    it(`${endpoint}: every malformed, mistyped, oversized or unsigned request ends 4xx with a problem body and appends nothing`, async () => {
      const before = (await allEvents(hub.storage.store)).length;
      await fc.assert(fc.asyncProperty(attempts(endpoint), async (attempt) => {
        const headers: Record<string, string> = { ...signatureHeaders(endpoint, attempt) };
        if (attempt.contentType !== undefined) headers['content-type'] = attempt.contentType;
        const response = await fetch(`${hub.url}${PATHS[endpoint]}`, { method: 'POST', body: attempt.body, headers });
        const text = await response.text();
        if (isIntentToReceive(endpoint, attempt)) {
          expect(response.status).toBe(200);
          expect(text).toBe('');
          return;
        }
        expect(response.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(text)).toMatchObject({ status: response.status, type: expect.any(String), title: expect.any(String) });
        if (attempt.signing !== 'valid') expect([401, 413]).toContain(response.status);
      }), {
        numRuns: Number(process.env.FUZZ_RUNS ?? 150),
        // Counterexamples fuzzing found once, kept so every run checks them.
        examples: [[{ body: Buffer.from('[]'), contentType: 'application/json', signing: 'valid' }], [{ body: Buffer.from('{"eventNotifications":[]}'), contentType: 'application/json', signing: 'valid' }]],
      });
      expect((await allEvents(hub.storage.store)).length).toBe(before);
    });
  }
});
