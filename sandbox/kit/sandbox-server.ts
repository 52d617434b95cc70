import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { FaultInjector, type FaultMatch, type FaultRule, type WebhookFault } from './faults.js';

/** How one simulated service words its outage and throttle answers. */
export interface ServiceErrors {
  outage(reply: FastifyReply, retryAfterSeconds?: number): FastifyReply;
  throttled(reply: FastifyReply, retryAfterSeconds?: number): FastifyReply;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A Fastify instance with the fault hooks and the `/_sandbox/faults` admin routes every
 * simulator shares. Admin routes are never faulted.
 */
export const createSandboxServer = (name: string, faults: FaultInjector, errors: ServiceErrors): FastifyInstance => {
  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/_sandbox')) return;
    const path = request.url.split('?')[0] ?? request.url;
    const latency = faults.latencyFor(request.method, path);
    if (latency > 0) await sleep(latency);
    const decision = faults.decide(request.method, path);
    if (decision.kind === 'outage') return errors.outage(reply, decision.retryAfterSeconds);
    if (decision.kind === 'throttle') return errors.throttled(reply, decision.retryAfterSeconds);
    return undefined;
  });

  // The write has been applied by the handler; drop the connection instead of answering.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/_sandbox') || !WRITE_METHODS.has(request.method)) return payload;
    const path = request.url.split('?')[0] ?? request.url;
    if (reply.statusCode < 300 && faults.dropAfterWrite(request.method, path)) {
      request.raw.socket.destroy();
    }
    return payload;
  });

  app.get('/_sandbox/faults', async () => ({ service: name, faults: faults.list(), webhookFaults: faults.webhookFaults }));
  app.post('/_sandbox/faults', async (request, reply) => {
    const body = request.body as { rule?: FaultRule; match?: FaultMatch; webhook?: WebhookFault } | undefined;
    if (body?.webhook) {
      faults.addWebhookFault(body.webhook);
      return reply.code(201).send({ ok: true });
    }
    if (!body?.rule || typeof body.rule !== 'object') return reply.code(400).send({ error: 'body needs rule or webhook' });
    return reply.code(201).send({ id: faults.add(body.rule, body.match) });
  });
  app.delete('/_sandbox/faults', async () => {
    faults.clear();
    return { ok: true };
  });
  return app;
};

export interface RunningServer {
  readonly baseUrl: string;
  close(): Promise<void>;
}

export const listen = async (app: FastifyInstance, port = 0): Promise<RunningServer> => {
  const address = await app.listen({ port, host: '127.0.0.1' });
  return { baseUrl: address.replace('localhost', '127.0.0.1'), close: () => app.close() };
};
