import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cents } from '../../src/domain/shared/money.js';
import type { OutboundFailure } from '../../src/adapters/pipeline/outbound/index.js';
import { accountLine, contextOf, draftOf, fourLines, requestOf, startQboOutbound, type PostData, type QboOutboundHarness } from './support/qbo-outbound-harness.js';

describe('QuickBooks outbound: failure classification (sandbox over HTTP)', () => {
  let h: QboOutboundHarness;
  beforeAll(async () => {
    h = await startQboOutbound();
  });
  afterEach(() => h.sandbox.faults.clear());
  afterAll(() => h?.close());

  const post = async (data: PostData, connection?: string) => {
    const request = requestOf('PostBillRequested.v1', data, connection);
    return { request, result: await h.handler<PostData>('PostBillRequested.v1').execute(request, contextOf(request)) };
  };

  it('a bad account reference (2500) is permanent, and the saga hears PostingFailed (or PostingDeadLettered)', async () => {
    const { request, result } = await post(draftOf('8001', { lines: [accountLine({ accountRef: { value: '999' } })] }));
    expect(result).toMatchObject({ ok: false, kind: 'permanent', status: 400, code: '2500' });
    const failure = result as OutboundFailure;
    expect(failure.message).toContain('AccountRef 999');
    const handler = h.handler<PostData>('PostBillRequested.v1');
    expect(handler.failureOutcome(request, failure, { deadLettered: false, attempts: 1 }))
      .toEqual({ type: 'PostingFailed.v1', data: { requestNo: 3, retryable: false, reason: failure.message, code: '2500', attempt: 1 } });
    expect(handler.failureOutcome(request, failure, { deadLettered: true, attempts: 6 }))
      .toEqual({ type: 'PostingDeadLettered.v1', data: { requestNo: 3, reason: failure.message, code: '2500', attempts: 6 } });
  });

  it('a 429 is throttled, with the Retry-After QuickBooks sent', async () => {
    h.sandbox.faults.add({ kind: 'throttle', count: 1, retryAfterSeconds: 120 }, { method: 'POST', path: '/bill' });
    const { result } = await post(draftOf('8002'));
    expect(result).toMatchObject({ ok: false, kind: 'throttled', status: 429, code: '3001', retryAfterMs: 120_000 });
  });

  it('503 (SystemFault) is retryable; nothing was written', async () => {
    h.sandbox.faults.add({ kind: 'outage', durationMs: 60_000, retryAfterSeconds: 90 }, { method: 'POST', path: '/bill' });
    const { result } = await post(draftOf('8003'));
    expect(result).toMatchObject({ ok: false, kind: 'retryable', status: 503, code: '10000', retryAfterMs: 90_000 });
  });

  it("a DocNumber another bill holds (6140, not the hub's marker) is permanent and says so", async () => {
    expect((await post(draftOf('8004', { docNumber: 'DUP-1' }))).result.ok).toBe(true);
    const { result } = await post(draftOf('8005', { docNumber: 'DUP-1' }));
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: '6140' });
    expect((result as OutboundFailure).message).toMatch(/DocNumber "DUP-1" is already used by another bill/);
  });

  it('a negative retainage line (2290 in this company) is permanent', async () => {
    const retainage = accountLine({ accountRef: { value: '34' }, amount: cents(-125_000), description: 'Retainage withheld (10%)', classRef: null, billable: false, role: 'retainage' });
    const { result } = await post(draftOf('8006', { lines: [...fourLines(), retainage] }));
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: '2290' });
  });

  it('a connection without QuickBooks books gets a target of its own and a permanent refusal', async () => {
    const { request, result } = await post(draftOf('8007'), 'other');
    expect(h.handler('PostBillRequested.v1').target(request)).toBe('quickbooks:unconfigured-other');
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: 'NO_QUICKBOOKS_CONNECTION' });
  });
});
