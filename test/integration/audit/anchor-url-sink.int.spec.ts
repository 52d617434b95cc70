import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL_GENESIS } from '../../../src/eventstore/index.js';
import { signAnchor } from '../../../src/projections/audit/anchoring/anchor.js';
import { UrlAnchorSink } from '../../../src/projections/audit/anchoring/anchor-sink.js';

/** Stands in for an object store behind a small gateway: keeps what is POSTed, answers GET with the latest. */
const startAnchorStore = async (): Promise<{ url: string; bodies: string[]; server: Server }> => {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST') {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(201).end();
      } else if (bodies.length === 0) {
        response.writeHead(404).end();
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end(bodies.at(-1));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/anchors`, bodies, server };
};

describe('anchors POSTed to a URL', () => {
  let store: Awaited<ReturnType<typeof startAnchorStore>>;
  beforeAll(async () => { store = await startAnchorStore(); });
  afterAll(async () => new Promise<void>((resolve) => store.server.close(() => resolve())));

  it('writes each anchor as JSON and reads the latest back', async () => {
    const sink = new UrlAnchorSink(store.url);
    await expect(sink.latest()).resolves.toBeUndefined();
    const key = Buffer.alloc(32, 3);
    const first = signAnchor(key, { events: 0, link: GLOBAL_GENESIS, last: null }, '2026-12-03T15:00:00.000Z');
    const second = { ...first, anchoredAt: '2026-12-03T15:05:00.000Z' };
    await sink.write(first);
    await sink.write(second);
    expect(store.bodies.map((b) => JSON.parse(b) as unknown)).toEqual([first, second]);
    await expect(sink.latest()).resolves.toEqual(second);
  });

  it('fails loudly when the sink refuses or answers something that is not an anchor', async () => {
    store.bodies.push('{"hello": "world"}');
    await expect(new UrlAnchorSink(store.url).latest()).rejects.toThrow(/not a Trestle anchor/);
    const missing = new URL(store.url);
    missing.port = '1';
    await expect(new UrlAnchorSink(missing.toString()).write(signAnchor(Buffer.alloc(32), { events: 0, link: GLOBAL_GENESIS, last: null }, '2026-12-03T15:00:00.000Z'))).rejects.toThrow();
  });
});
