import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake does with one call: apply it, refuse it, or apply it and drop the connection. */
export type Behaviour = 'ok' | 'apply-then-drop' | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> };

export interface FakeCall {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly requestId: string | null;
  readonly markers: readonly string[];
}

export interface FakeRequest { readonly method: string; readonly path: string; readonly markers: readonly string[]; readonly n: number }

interface Item { readonly bId?: string; readonly marker: string; readonly amount: number }

/**
 * A tiny accounting API over real HTTP: POST /things (one write), POST /batch (several),
 * GET /things?marker= (the lookup by the hub's marker). It keeps what was written and counts
 * everything a test asserts on: writes, calls with their arrival times, peak concurrency.
 */
export class FakeTarget {
  readonly calls: FakeCall[] = [];
  readonly objects = new Map<string, { Id: string; Marker: string; Amount: number }>();
  writes = 0;
  inFlight = 0;
  maxInFlight = 0;
  delayMs = 0;
  /** While set, every call waits for it before answering: a target that is slow for as long as a test needs. */
  hold: Promise<void> | undefined;
  behaviour: (request: FakeRequest) => Behaviour = () => 'ok';
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let open = true;
    const done = () => {
      if (open) this.inFlight--;
      open = false;
    };
    res.once('finish', done);
    res.once('close', done);
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readJson(req);
    const items: Item[] = url.pathname === '/batch' ? (body as { items: Item[] }).items : req.method === 'POST' ? [body as Item] : [];
    const markers = req.method === 'GET' ? [url.searchParams.get('marker') ?? ''] : items.map((i) => i.marker);
    this.calls.push({ at: Date.now(), method: req.method ?? 'GET', path: url.pathname, requestId: url.searchParams.get('requestid'), markers });
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    await this.hold;
    const behaviour = this.behaviour({ method: req.method ?? 'GET', path: url.pathname, markers, n: this.calls.length });
    if (typeof behaviour === 'object') return send(res, behaviour.status, behaviour.body ?? { Fault: { Error: [{ Message: `status ${behaviour.status}` }] } }, behaviour.headers);
    if (req.method === 'GET') return send(res, 200, { Thing: this.objects.get(markers[0]!) ?? null });
    const applied = items.map((item) => ({ bId: item.bId, Thing: this.apply(item) }));
    if (behaviour === 'apply-then-drop') return void res.socket?.destroy();
    send(res, 200, url.pathname === '/batch' ? { items: applied } : { Thing: applied[0]!.Thing });
  }

  /** No requestid dedupe on purpose: a second write makes a duplicate, as users report. */
  private apply(item: Item) {
    this.writes++;
    const thing = { Id: String(this.writes), Marker: item.marker, Amount: item.amount };
    this.objects.set(item.marker, thing);
    return thing;
  }
}

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown) : undefined;
};

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** Collects the chat messages the alert notifier posts. */
export class WebhookReceiver {
  readonly messages: string[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void readJson(req).then((body) => {
      this.messages.push((body as { text: string }).text);
      res.writeHead(200).end('ok');
    }));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/T000/B000/secret`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
