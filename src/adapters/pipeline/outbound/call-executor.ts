import { deterministicEventId } from '../../../eventstore/index.js';
import type { OutboundFailure, OutboundResult } from './outbound-handler.js';
import type { CallExecutor, CallResult, LaneJob } from './target-lane.js';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The handler threw or hung: it may have sent the write, so the dispatcher must look before writing again. */
const ambiguous = (message: string): OutboundFailure => ({ ok: false, kind: 'ambiguous', message });

const isResult = (value: unknown): value is CallResult =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

/**
 * Runs `call` with an abort signal that fires after `timeoutMs`, and stops waiting then even
 * if the handler ignores the signal. A handler that throws or returns garbage gets an
 * ambiguous failure: the dispatcher never throws on a target's behalf.
 */
const guarded = async <T extends CallResult | readonly OutboundResult[]>(
  timeoutMs: number, call: (signal: AbortSignal) => Promise<T>, valid: (value: unknown) => boolean,
): Promise<T | OutboundFailure> => {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<OutboundFailure>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
      resolve(ambiguous(`timed out: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const value = await Promise.race([call(controller.signal), expired]);
    return valid(value) ? value : ambiguous('handler returned no result');
  } catch (error) {
    return ambiguous(`handler threw: ${describe(error)}`);
  } finally {
    clearTimeout(timer);
  }
};

export const createCallExecutor = (callTimeoutMs: number): CallExecutor => ({
  single: (job: LaneJob) => guarded(callTimeoutMs, (signal) => {
    const context = { idempotencyKey: job.request.id, attempt: job.attempt, signal };
    if (job.mode === 'find' && job.handler.findExisting) return job.handler.findExisting(job.request, context);
    return job.handler.execute(job.request, context);
  }, isResult),

  batch: async (jobs: readonly LaneJob[]) => {
    const handler = jobs[0]!.handler;
    const requests = jobs.map((j) => j.request);
    const items = requests.map((request) => ({ request, idempotencyKey: request.id }));
    // Same items => same key, so a replayed batch is recognised by the target too.
    const idempotencyKey = deterministicEventId('outbound-batch', ...requests.map((r) => r.id));
    const valid = (value: unknown) => Array.isArray(value) && value.length === jobs.length && value.every(isResult);
    const results = await guarded(callTimeoutMs, (signal) => handler.executeBatch!(requests, { idempotencyKey, items, signal }), valid);
    return Array.isArray(results) ? results : jobs.map(() => results as OutboundFailure);
  },
});
