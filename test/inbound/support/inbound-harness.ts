import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { SOURCE_SYSTEM_MODULES } from '../../../src/adapters/source-systems.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InboundModule } from '../../../src/adapters/pipeline/inbound/inbound.module.js';
import type { InboundOptions } from '../../../src/adapters/pipeline/inbound/inbound-options.js';
import { Poller } from '../../../src/adapters/pipeline/inbound/polling/poller.service.js';
import { startDemoSandboxes, type DemoSandboxes, type DemoSandboxOptions } from '../../../sandbox/demo-sandboxes.js';
import type { EventStore, RecordedEvent } from '../../../src/eventstore/index.js';
import { startTestHub, type TestHub } from '../../support/hub.js';

export interface InboundHarness {
  readonly hub: TestHub;
  readonly sandboxes: DemoSandboxes;
  readonly store: EventStore;
  readonly poller: Poller;
  close(): Promise<void>;
}

/** Webhook retries in seconds, not hours, so a refused delivery is retried within a test. */
const FAST_RETRIES = { timeoutMs: 5000, retryDelayMs: (attempt: number) => (attempt < 20 ? 200 : undefined) };

/**
 * The hub with the inbound module on a fresh database, against the three sandboxes
 * started in-process and wired to it (the demo connection), polling only on demand.
 */
export const startInboundHarness = async (options: DemoSandboxOptions & Partial<Omit<InboundOptions, 'config'>> = {}): Promise<InboundHarness> => {
  const sandboxes = await startDemoSandboxes({ webhookPolicy: FAST_RETRIES, ...options });
  const dataDir = await mkdtemp(join(tmpdir(), 'trestle-inbound-'));
  let hub: TestHub;
  try {
    const inbound = { config: sandboxes.config, polling: options.polling ?? false, firstPollDelayMs: options.firstPollDelayMs, ...(options.fetch ? { fetch: options.fetch } : {}) };
    hub = await startTestHub([InboundModule.forRoot(inbound), ...SOURCE_SYSTEM_MODULES], {
      env: { TRESTLE_SECRET_KEY: randomBytes(32).toString('hex'), TRESTLE_DATA_DIR: dataDir },
      // CI runs the suites on each backend (TRESTLE_TEST_BACKEND); the real server by default.
      backend: process.env.TRESTLE_TEST_BACKEND === 'embedded' ? 'embedded' : 'server',
    });
    await sandboxes.connectWebhooks(hub.url);
  } catch (error) {
    await sandboxes.close();
    throw error;
  }
  return {
    hub, sandboxes, store: hub.storage.store, poller: hub.app.get(Poller),
    close: async () => {
      await sandboxes.close();
      await hub.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

export const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const readStream = async (store: EventStore, stream: string): Promise<RecordedEvent[]> => store.readStream(stream);

/** Waits until the stream holds at least `count` events and returns them. */
export const eventsOf = (store: EventStore, stream: string, count = 1, timeoutMs?: number): Promise<RecordedEvent[]> =>
  waitFor(async () => {
    const events = await store.readStream(stream);
    return events.length >= count ? events : undefined;
  }, `${count} event(s) in ${stream}`, timeoutMs);

/** Every event in the store (the whole of $all), for "nothing was appended" checks. */
export const allEvents = async (store: EventStore): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: out.at(-1)?.position, maxCount: 1000 });
    out.push(...page);
    if (page.length < 1000) return out;
  }
};
