import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startReportingHub, type ReportingHub } from './reporting-hub.js';

interface LogLine { level: number; msg: string; reqId?: string; method?: string; route?: string; status?: number; durationMs?: number; err?: { stack?: string } }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every line the hub writes, parsed, and the raw text (to prove no secret is in it). */
const captureLogs = () => {
  const lines: LogLine[] = [];
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines, text: () => text };
};

/** The response is sent before the response hook writes its line: wait for it (generous bound, no fixed sleep). */
const lineFor = async (lines: LogLine[], reqId: string): Promise<LogLine> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const line = lines.find((l) => l.reqId === reqId && l.status !== undefined);
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no request line for ${reqId}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('request logs, request ids and 5xx accounting', () => {
  let hub: ReportingHub;
  const logs = captureLogs();
  beforeAll(async () => {
    hub = await startReportingHub({ logger: logs.logger });
  });
  afterAll(async () => hub?.close());

  it('writes one line per request with method, route template, status, duration and the caller\'s request id; no secret', async () => {
    const response = await fetch(`${hub.url}/audit/documents/acme.procore.subcontractor_invoice-404/history`, {
      headers: { 'x-api-key': KEYS.auditor, 'x-request-id': 'trace-abc.123', authorization: 'Bearer not-logged-either' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('trace-abc.123');
    expect(await response.json()).toMatchObject({ status: 404, requestId: 'trace-abc.123' });
    const line = await lineFor(logs.lines, 'trace-abc.123');
    expect(line).toMatchObject({ method: 'GET', route: '/audit/documents/:document/history', status: 404, level: 30 });
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
    expect(logs.lines.filter((l) => l.reqId === 'trace-abc.123' && l.status !== undefined)).toHaveLength(1);
    expect(logs.text()).not.toContain(KEYS.auditor);
    expect(logs.text()).not.toContain('not-logged-either');
    expect(logs.text()).not.toContain('subcontractor_invoice-404');
  });

  it('makes up an id when the caller sends none or a bad one, and the header, problem body and log line agree', async () => {
    for (const given of [undefined, 'has spaces in it', 'x'.repeat(200)]) {
      const response = await fetch(`${hub.url}/finance/reconciliation?project=%00`, {
        headers: { 'x-api-key': KEYS.finance, ...(given === undefined ? {} : { 'x-request-id': given }) },
      });
      expect(response.status).toBe(400);
      const id = response.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      const body = await response.json() as { requestId: string; detail: string };
      expect(body.requestId).toBe(id);
      expect(body.detail).toContain('project');
      expect(await lineFor(logs.lines, id)).toMatchObject({ route: '/finance/reconciliation', status: 400 });
    }
  });

  it('writes exactly one line, with the id it answered, for a request the router or the input guard refuses', async () => {
    for (const path of ['/audit/documents/%zz/history', `/audit/documents/${'a'.repeat(5000)}/history`, '/finance/job-cost?nonsense=1']) {
      const response = await fetch(`${hub.url}${path}`, { headers: { 'x-api-key': KEYS.admin } });
      expect(response.status, path.slice(0, 40)).toBeGreaterThanOrEqual(400);
      const id = response.headers.get('x-request-id')!;
      expect((await response.json() as { requestId: string }).requestId).toBe(id);
      const line = await lineFor(logs.lines, id);
      expect(line.status).toBe(response.status);
      // The response hook runs after the answer: a second line, if any, would have been written by now.
      await fetch(`${hub.url}/health/live`);
      expect(logs.lines.filter((l) => l.reqId === id && l.status !== undefined), path.slice(0, 40)).toHaveLength(1);
    }
  });

  it('logs a 5xx at error level with its stack, and counts it by route and status in /metrics', async () => {
    // A real dependency failure: the read model the route queries is gone.
    const db = new pg.Client({ connectionString: hub.db.url });
    await db.connect();
    try {
      await db.query('ALTER VIEW projections.reconciliation_rows RENAME TO reconciliation_rows_gone');
    } finally {
      await db.end();
    }
    const response = await fetch(`${hub.url}/finance/reconciliation`, { headers: { 'x-api-key': KEYS.finance } });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = await response.json() as { requestId: string; detail: string };
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
    expect(body.detail).not.toContain('reconciliation_rows');
    const line = await lineFor(logs.lines, body.requestId);
    expect(line).toMatchObject({ level: 50, route: '/finance/reconciliation', status: 500 });
    expect(line.err?.stack).toContain('reconciliation_rows');
    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    expect(metrics).toContain('trestle_http_server_errors_total{method="GET",route="/finance/reconciliation",status="500"} 1');
  });
});
