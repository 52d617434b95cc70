import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/command.js';
import { freePort } from '../e2e/support/hub-process.js';
import { eventually, startTrestleHarness, type TrestleHarness } from '../e2e/support/trestle-harness.js';

const captureIo = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), interactive: false };
  return { io, out, err };
};

const hooks = async (h: TrestleHarness, connection = 'demo') => {
  const { io, out, err } = captureIo();
  const code = await runCli(['procore', 'hooks', '--connection', connection, '--url', h.url, '--key', h.key('admin')], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
};

/** The documented resources the sandbox offers and the hub follows (facts §6.1; the rest UNCONFIRMED names). */
const FOLLOWED_AND_OFFERED = 11;

describe('trestle procore hooks: the connection\'s hook and triggers through Procore\'s webhooks API', () => {
  let h: TrestleHarness;
  let publicUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    h = await startTrestleHarness({}, { PORT: String(port), TRESTLE_PUBLIC_URL: publicUrl });
    // Only the hook this command registers may deliver: drop the one the demo set up for itself.
    for (const id of [...h.procore.hooks.hooks.keys()]) h.procore.hooks.removeHook(id);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('creates the hook with the hub\'s destination and Authorization header, and one trigger per followed resource and event', async () => {
    const first = await hooks(h);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/namespace trestle-demo\) for connection demo: created/);
    expect(first.out).toContain(`delivers to ${publicUrl}/webhooks/procore/demo`);
    expect(first.out).toContain(`triggers created: ${FOLLOWED_AND_OFFERED * 3} (`);
    const registered = [...h.procore.hooks.hooks.values()];
    expect(registered).toHaveLength(1);
    const authorization = h.trestle.config.connections[0]!.construction.webhookAuthorization;
    expect(registered[0]).toMatchObject({ namespace: 'trestle-demo', destinationUrl: `${publicUrl}/webhooks/procore/demo`, destinationHeaders: { Authorization: authorization } });
    const triggers = h.procore.hooks.triggersOf(registered[0]!.id);
    expect(triggers).toHaveLength(FOLLOWED_AND_OFFERED * 3);
    expect(triggers.filter((t) => t.resourceName === 'Requisitions').map((t) => t.eventType).sort()).toEqual(['create', 'delete', 'update']);
    expect(first.out).toMatch(/not offered by this company's webhooks API: .*Line Item Types/);
  });

  it('changes nothing when run again, and says everything already existed', async () => {
    const before = { hooks: h.procore.hooks.hooks.size, triggers: h.procore.hooks.triggers.size };
    const again = await hooks(h);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/for connection demo: already existed/);
    expect(again.out).toContain('triggers created: 0\n');
    expect(again.out).toContain(`triggers that already existed: ${FOLLOWED_AND_OFFERED * 3} (`);
    expect({ hooks: h.procore.hooks.hooks.size, triggers: h.procore.hooks.triggers.size }).toEqual(before);
  });

  it('gets Procore\'s deliveries to the hub through that hook: the header passes the hub\'s check', async () => {
    h.procore.state.approveRequisition(1280641);
    const recorded = await eventually('the approved requisition recorded from the delivery', async () => {
      const events = await h.store.readStream('demo.procore.subcontractor_invoice-1280641');
      return events.length > 0 ? events : undefined;
    }, 60_000);
    expect(recorded[0]?.type).toBe('SubcontractorInvoiceApproved.v1');
    const [hook] = [...h.procore.hooks.hooks.values()];
    expect(h.procore.hooks.deliveries.filter((d) => d.hookId === hook!.id).length).toBeGreaterThan(0);
  });

  it('updates a hook whose Authorization header drifted, in place', async () => {
    const [hook] = [...h.procore.hooks.hooks.values()];
    hook!.destinationHeaders = { Authorization: 'Bearer an-old-rotated-secret-value' };
    const fixed = await hooks(h);
    expect(fixed.code, fixed.err).toBe(0);
    expect(fixed.out).toMatch(/: updated/);
    expect(h.procore.hooks.hooks.size).toBe(1);
    expect(hook!.destinationHeaders.Authorization).toBe(h.trestle.config.connections[0]!.construction.webhookAuthorization);
  });

  it('refuses an unknown connection with a 404 problem naming it, and a bad name with 400', async () => {
    const unknown = await hooks(h, 'nosuch');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/404 Not Found: no connection named "nosuch"/);
    const bad = await fetch(`${h.url}/admin/connections/${encodeURIComponent('Bad Name!')}/procore-hooks`, { method: 'POST', headers: { 'x-api-key': h.key('admin') } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const finance = await fetch(`${h.url}/admin/connections/demo/procore-hooks`, { method: 'POST', headers: { 'x-api-key': h.key('finance') } });
    expect(finance.status).toBe(403);
  });
});

describe('trestle procore hooks without TRESTLE_PUBLIC_URL', () => {
  let h: TrestleHarness;

  beforeAll(async () => {
    h = await startTrestleHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('refuses with a 409 problem that names TRESTLE_PUBLIC_URL, and registers nothing', async () => {
    const before = h.procore.hooks.hooks.size;
    const answer = await fetch(`${h.url}/admin/connections/demo/procore-hooks`, { method: 'POST', headers: { 'x-api-key': h.key('admin') } });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ status: 409, detail: expect.stringMatching(/TRESTLE_PUBLIC_URL is not set/) });
    const cli = await hooks(h);
    expect(cli.code).toBe(2);
    expect(cli.err).toMatch(/TRESTLE_PUBLIC_URL/);
    expect(h.procore.hooks.hooks.size).toBe(before);
  });
});
