import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthModule } from '../../src/api/auth/auth.module.js';
import type { Role } from '../../src/api/auth/api-keys.js';
import { ReportingApiModule } from '../../src/api/reporting-api.module.js';
import { auditAnchorCommand } from '../../src/cli/commands/audit-anchor-command.js';
import { auditVerifyCommand } from '../../src/cli/commands/audit-verify-command.js';
import type { CliCommand } from '../../src/cli/command.js';
import { loadEnv } from '../../src/platform/config/env.js';
import { createHub, type Hub } from '../../src/hub/create-hub.js';
import type { PostgresEventStore } from '../../src/adapters/eventstore/postgres/index.js';
import { createServerDatabase, type TestDatabase } from '../support/databases.js';
import { newEvent } from '../integration/eventstore/store-fixture.js';
import { rewriteWithRecomputedChain } from '../integration/audit/anchored-history.fixture.js';

const KEYS: Record<Role, string> = { finance: 'finance-key-0123456789', auditor: 'auditor-key-0123456789', operator: 'operator-key-012345678', bookkeeper: 'bookkeeper-key-0123456', estimator: 'estimator-key-01234567', admin: 'admin-key-0123456789ab' };

/** A hub as production runs it on a server: runtime role, owner role for migrations, an audit key. */
const startHub = async (db: TestDatabase, extra: Record<string, string>): Promise<Hub> => createHub(
  loadEnv({ PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: db.runtimeUrl, DATABASE_MIGRATION_URL: db.ownerUrl, ...extra }),
  [AuthModule.forRoot(Object.entries(KEYS).map(([role, key]) => ({ role: role as Role, key }))), ReportingApiModule.forRoot()],
);

const cli = async (command: CliCommand, hub: Hub, role: Role): Promise<{ code: number; out: string }> => {
  const lines: string[] = [];
  const code = await command.run({ positionals: [], values: { url: hub.url, key: KEYS[role] } }, { out: (t) => lines.push(t), err: (t) => lines.push(t), interactive: false });
  return { code, out: lines.join('\n') };
};

const waitFor = async (condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('anchoring through the API and the CLI, on the two-role split (server)', () => {
  let db: TestDatabase;
  let hub: Hub;
  let anchorDir: string;
  beforeAll(async () => {
    db = await createServerDatabase();
    anchorDir = await mkdtemp(join(tmpdir(), 'trestle-anchors-'));
    hub = await startHub(db, { TRESTLE_AUDIT_KEY: randomBytes(32).toString('hex'), TRESTLE_AUDIT_ANCHOR_DIR: anchorDir, TRESTLE_AUDIT_ANCHOR_INTERVAL: '1' });
  });
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
    await rm(anchorDir, { recursive: true, force: true });
  });

  it('anchors by itself at the interval, and on demand for admins only', async () => {
    const store = hub.storage.store;
    await store.append('acme.procore.subcontractor_invoice-1', [newEvent('Approved.v1', { cents: 100 }), newEvent('Revised.v1', { cents: 90 })], 'no_stream');
    await waitFor(async () => (await readdir(anchorDir)).some((name) => name.startsWith('anchor-000000000000002-')), 'the interval anchor of 2 events');
    await store.append('acme.procore.subcontractor_invoice-2', [newEvent('Approved.v1', { cents: 5 })], 'no_stream');
    const refused = await fetch(`${hub.url}/admin/audit/anchors`, { method: 'POST', headers: { 'x-api-key': KEYS.auditor } });
    expect(refused.status).toBe(403);
    const { code, out } = await cli(auditAnchorCommand, hub, 'admin');
    expect(code).toBe(0);
    expect(out).toMatch(/(ANCHORED|UNCHANGED): 3 events up to position \d+\/\d+/);
    expect((await cli(auditVerifyCommand, hub, 'auditor')).out).toMatch(/^OK: all streams: 3 events in 2 streams[\s\S]*global chain: 3 events match; latest anchor .* covers 3 events/);
  });

  it('names the event an owner edited and rechained, through the route and the CLI', async () => {
    const stream = 'acme.procore.subcontractor_invoice-1';
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const [, target] = await hub.storage.store.readStream(stream);
      await rewriteWithRecomputedChain(owner, hub.storage.store as PostgresEventStore, stream, 1, (e) => ({ ...e, data: { cents: 9 } }));
      const verdict = await (await fetch(`${hub.url}/audit/verify`, { headers: { 'x-api-key': KEYS.auditor } })).json() as Record<string, unknown>;
      expect(verdict).toMatchObject({ ok: false, firstBroken: { streamName: stream, revision: 1, eventId: target!.id }, globalChain: { checked: true, ok: false } });
      const { code, out } = await cli(auditVerifyCommand, hub, 'auditor');
      expect(code).toBe(1);
      expect(out).toContain(`ALTERED: all streams: stream ${stream} revision 1 at position ${target!.position.commit}/${target!.position.prepare}`);
    } finally {
      await owner.end();
    }
  });

  it('answers 503 with a problem body when no audit key is configured', async () => {
    const plain = await startHub(db, {});
    try {
      const response = await fetch(`${plain.url}/admin/audit/anchors`, { method: 'POST', headers: { 'x-api-key': KEYS.admin } });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/TRESTLE_AUDIT_KEY/) });
      expect(await (await fetch(`${plain.url}/audit/verify`, { headers: { 'x-api-key': KEYS.auditor } })).json()).toMatchObject({ globalChain: { checked: false } });
    } finally {
      await plain.close();
    }
  });
});
