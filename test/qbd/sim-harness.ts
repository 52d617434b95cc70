import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildQwc } from '../../src/adapters/qbd/qwc/qwc-file.js';
import { QbdBooksPort } from '../../src/adapters/qbd/qbd-books-port.js';
import { QbdQueue } from '../../src/adapters/qbd/queue/qbd-queue.js';
import { QBWC_PATH, serveWebConnector, webConnectorEndpoint, type WebConnectorHandler } from '../../src/adapters/qbd/web-connector/soap-binding.js';
import { WebConnectorService } from '../../src/adapters/qbd/web-connector/web-connector.service.js';
import type { BooksCall, BooksResult } from '../../src/domain/books/index.js';
import type { EventStore } from '../../src/eventstore/index.js';
import { hashPassword } from '../../src/platform/config/password-hash.js';
import { createQbdSandbox, type QbdSandbox } from '../../sandbox/qbd/index.js';

const PASSWORD = 'the-bookkeeper-typed-this';

/**
 * The hub's QuickBooks Desktop side (queue in the real event store, SOAP endpoint over HTTP,
 * the books port) and the sandbox's Web Connector with its company, without the rest of the hub.
 */
export interface QbdSimHarness {
  readonly connection: string;
  readonly queue: QbdQueue;
  readonly port: QbdBooksPort;
  readonly qbd: QbdSandbox;
  readonly service: WebConnectorService;
  /** qbXML documents the hub handed out (unescaped), in order. */
  readonly handedOut: string[];
  /** The next hand-out whose qbXML matches is applied by QuickBooks and its answer lost. */
  dieAfter(pattern: RegExp): void;
  call(key: string): BooksCall;
  /** Asks until QuickBooks answered (a Web Connector session between asks); at most `sessions` sessions. */
  settle<T>(ask: () => Promise<BooksResult<T>>, sessions?: number): Promise<BooksResult<T>>;
  close(): Promise<void>;
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

export const startQbdSim = async (store: EventStore, connection = 'harbor-qbd'): Promise<QbdSimHarness> => {
  const queue = new QbdQueue(store);
  const settings = [{ connection, userName: `${connection}-qbwc`, passwordHash: hashPassword(PASSWORD), companyFile: '' }];
  const service = new WebConnectorService(queue, () => settings);
  const ready: { endpoint?: WebConnectorHandler } = {};
  const server: Server = serveWebConnector((req, res, body) => ready.endpoint?.(req, res, body));
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const appUrl = `http://localhost:${(server.address() as AddressInfo).port}${QBWC_PATH}`;
  ready.endpoint = webConnectorEndpoint(service, appUrl);
  const handedOut: string[] = [];
  let dieOn: RegExp | null = null;
  const spy: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = await response.clone().text();
    const result = /<sendRequestXMLResult>([\s\S]*)<\/sendRequestXMLResult>/.exec(body);
    if (result?.[1]) {
      const qbxml = unescape(result[1]);
      handedOut.push(qbxml);
      if (dieOn?.test(qbxml)) {
        dieOn = null;
        qbd.faults.dieAfterApply = 1;
      }
    }
    return response;
  };
  const qwc = buildQwc({ connection, appUrl, userName: `${connection}-qbwc`, runEveryMinutes: 5 });
  const qbd = createQbdSandbox({ qwc, password: PASSWORD, noOpDelayMs: 1, fetch: spy });
  const port = new QbdBooksPort({ queue, now: () => '2026-03-15T09:00:00.000Z', waitMs: 0, recheckMs: 30_000 });
  return {
    connection, queue, port, qbd, service, handedOut,
    dieAfter: (pattern) => { dieOn = pattern; },
    call: (key) => ({ connection, idempotencyKey: key, signal: new AbortController().signal }),
    settle: async (ask, sessions = 6) => {
      let answer = await ask();
      for (let i = 0; i < sessions && !answer.ok && answer.kind === 'throttled'; i += 1) {
        await qbd.connector.runSession();
        answer = await ask();
      }
      return answer;
    },
    close: async () => {
      await qbd.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
