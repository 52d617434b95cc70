import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

/**
 * QuickBooks down (503s), then throttling (429s): everything posts by itself once it is back,
 * the breaker opens and closes, and the on-call person gets one alert and one recovery.
 */
describe('a QuickBooks outage', () => {
  let h: TrestleHarness;
  let chat: HttpReceiver;
  beforeAll(async () => {
    chat = await startHttpReceiver();
    h = await startTrestleHarness({
      // Seconds, not minutes: the breaker half-opens after 400 ms and alerts after 300 ms open.
      outbound: {
        breaker: { consecutiveFailures: 3, resetTimeoutMs: 400 },
        breakerAlertDelayMs: 300,
        retry: { baseDelayMs: 50, maxDelayMs: 400 },
        limits: { quickbooks: { throttleDefaultMs: 300 } },
      },
    }, { TRESTLE_ALERT_WEBHOOK_URL: chat.url });
    h.procore.state.approveCommitment(786001);
    h.procore.state.approveCommitment(786002);
  });
  afterAll(async () => {
    await h?.close();
    await chat?.close();
  });

  it('posts every invoice once, opens and closes the breaker, and sends exactly one alert and one recovery', async () => {
    // Down until the alert has gone out, however slowly a busy machine gets the hub to call:
    // a fixed window could end before the hub's third failing call and never open the breaker.
    const outage = h.quickbooks.faults.add({ kind: 'outage', durationMs: Number.POSITIVE_INFINITY }, { method: 'POST' });
    for (const requisition of SAMPLE_REQUISITIONS.slice(0, 3)) {
      h.procore.state.submitRequisition(Number(requisition.id));
      h.procore.state.approveRequisition(Number(requisition.id));
    }
    await eventually('the outage alert', () => chat.received.length >= 1, 120_000);
    h.quickbooks.faults.remove(outage);
    h.quickbooks.faults.add({ kind: 'throttle', count: 4 }, { method: 'POST', path: '/bill' });
    const bills = () => h.quickbooks.company().list('Bill') as Array<{ DocNumber: string }>;
    await eventually('all three bills', () => bills().length >= 3, 120_000);
    await eventually('the recovery message', () => chat.received.length >= 2, 120_000);
    await new Promise((r) => setTimeout(r, 1000)); // nothing more may follow

    expect(bills().map((b) => b.DocNumber).sort()).toEqual(SAMPLE_REQUISITIONS.slice(0, 3).map((r) => r.invoiceNumber).sort());
    const texts = chat.received.map((m) => (JSON.parse(m.body) as { text: string }).text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/alert/i);
    expect(texts[0]).toContain('quickbooks:9130350000000001');
    expect(texts[1]).toMatch(/resolved|recovered/i);

    const alerts = await h.store.readStream('system.alerts');
    expect(alerts.map((e) => e.type)).toEqual(['AlertRaised.v1', 'AlertCleared.v1']);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/trestle_breaker_open\{target="quickbooks:9130350000000001"\} 0/);
    expect(metrics).toMatch(/trestle_outbound_requests_total\{target="quickbooks:9130350000000001",outcome="retryable"\} [1-9]/);
    expect(metrics).toMatch(/trestle_outbound_requests_total\{target="quickbooks:9130350000000001",outcome="throttled"\} [1-9]/);
  });
});
