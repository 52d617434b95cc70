import { Agent, request } from 'node:http';

export interface LoadResult {
  readonly ok: number;
  readonly failed: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly perSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly latencies: readonly number[];
}

/** One POST on a kept-alive socket; resolves with the status (0 when the connection failed). */
const post = (agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<number> => new Promise((resolve) => {
  const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode ?? 0));
  });
  req.on('error', () => resolve(0));
  req.end(body);
});

/**
 * Posts every body to the URL from `clients` concurrent clients, each on its own kept-alive
 * connection, the way webhook senders keep theirs; measures each request's latency.
 */
export const postConcurrently = async (target: string, headers: Record<string, string>, bodies: readonly string[], clients: number): Promise<LoadResult> => {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const at = performance.now();
      const status = await post(agent, url, headers, body);
      latencies.push(performance.now() - at);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) ok++;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0;
  return { ok, failed: bodies.length - ok, statuses, seconds, perSec: ok / seconds, p50Ms: at(50), p99Ms: at(99), latencies };
};
