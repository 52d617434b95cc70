import { classifyNetworkError, httpFailure } from '../../../src/adapters/pipeline/outbound/classify.js';
import type { LookupResult, OutboundHandler, OutboundRequest, OutboundResult } from '../../../src/adapters/pipeline/outbound/outbound-handler.js';

/** The request a test saga appends: post one "thing" to realm `realm`, marked with `marker`. */
export interface PostThing {
  readonly realm: string;
  readonly marker: string;
  readonly amount: number;
}

const posted = (thing: { Id: string; Marker: string }) => ({ type: 'ThingPosted.v1', data: { thingId: thing.Id, marker: thing.Marker } });

const call = async (url: string, init: RequestInit): Promise<{ status: number; body: unknown; retryAfter: string | null }> => {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', authorization: 'Bearer test-token-123' } });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, retryAfter: response.headers.get('retry-after') };
};

/** Errors become results, the way a real API client's handler classifies them. */
const classified = async <T extends OutboundResult | LookupResult>(run: () => Promise<T>): Promise<T | OutboundResult> => {
  try {
    return await run();
  } catch (error) {
    return classifyNetworkError(error);
  }
};

const failure = (answer: { status: number; body: unknown; retryAfter: string | null }) =>
  httpFailure(answer.status, `fake answered ${answer.status}`, { retryAfter: answer.retryAfter, response: answer.body, code: String(answer.status) });

/** An OutboundHandler for the fake target: the network path is real HTTP. */
export const thingHandler = (requestType: string, baseUrl: string, options: { batchable?: boolean } = {}): OutboundHandler<PostThing> => ({
  requestType,
  target: (request) => `fake:${request.data.realm}`,
  documentStream: (request) => `acme.procore.thing-${request.data.marker}`,
  execute: (request, context) => classified(async () => {
    const answer = await call(`${baseUrl}/things?requestid=${context.idempotencyKey}`, {
      method: 'POST', body: JSON.stringify({ marker: request.data.marker, amount: request.data.amount }), signal: context.signal,
    });
    if (answer.status !== 200) return failure(answer);
    return { ok: true, outcome: posted((answer.body as { Thing: { Id: string; Marker: string } }).Thing), status: 200, response: answer.body };
  }),
  findExisting: (request, context) => classified(async () => {
    const answer = await call(`${baseUrl}/things?marker=${encodeURIComponent(request.data.marker)}`, { method: 'GET', signal: context.signal });
    if (answer.status !== 200) return failure(answer);
    const thing = (answer.body as { Thing: { Id: string; Marker: string } | null }).Thing;
    return { ok: true, outcome: thing ? posted(thing) : null, status: 200 };
  }),
  ...(options.batchable ? {
    batchable: true,
    executeBatch: async (requests: readonly OutboundRequest<PostThing>[], context) => {
      const items = requests.map((r, i) => ({ bId: `b${i}`, marker: r.data.marker, amount: r.data.amount }));
      const result = await classified(async () => {
        const answer = await call(`${baseUrl}/batch?requestid=${context.idempotencyKey}`, { method: 'POST', body: JSON.stringify({ items }), signal: context.signal });
        return answer.status === 200 ? { ok: true as const, outcome: { type: 'batch', data: answer.body } } : failure(answer);
      });
      if (!result.ok) return requests.map(() => result);
      const answered = (result.outcome!.data as { items: Array<{ Thing: { Id: string; Marker: string } }> }).items;
      return answered.map((item): OutboundResult => ({ ok: true, outcome: posted(item.Thing), status: 200 }));
    },
  } : {}),
  failureOutcome: (request, fail, final) => ({
    type: 'ThingPostingFailed.v1', data: { marker: request.data.marker, kind: fail.kind, status: fail.status ?? null, deadLettered: final.deadLettered },
  }),
});
