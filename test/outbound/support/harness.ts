import { AlertNotifier } from '../../../src/adapters/alerts/alert-notifier.js';
import { AlertService } from '../../../src/adapters/alerts/alert-service.js';
import { FailureLedger } from '../../../src/adapters/pipeline/outbound/failure-ledger.js';
import { FailureLedgerProjector } from '../../../src/adapters/pipeline/outbound/failure-ledger.projector.js';
import { OutboundHandlerRegistry } from '../../../src/adapters/pipeline/outbound/handler-registry.js';
import { OutboundDispatcher, type DispatcherOptions } from '../../../src/adapters/pipeline/outbound/outbound-dispatcher.js';
import type { OutboundHandler } from '../../../src/adapters/pipeline/outbound/outbound-handler.js';
import { outboundRequestStream } from '../../../src/adapters/pipeline/outbound/outbound-events.js';
import { SubscriptionRunner } from '../../../src/platform/subscriptions/subscription-runner.js';
import { deterministicEventId, type EventStore, type RecordedEvent } from '../../../src/eventstore/index.js';

export const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

export interface Harness {
  readonly dispatcher: OutboundDispatcher;
  readonly ledger: FailureLedger;
  readonly alerts: AlertService;
  stop(): Promise<void>;
}

/** The dispatcher, the failure ledger and (with a webhook) the alert notifier, each on its own durable runner. */
export const startOutbound = (
  store: EventStore, name: string, handlers: readonly OutboundHandler[], options: DispatcherOptions & { webhookUrl?: string } = {},
): Harness => {
  const alerts = new AlertService(store);
  const dispatcher = new OutboundDispatcher({ store, registry: new OutboundHandlerRegistry(handlers), alerts }, { breakerAlertDelayMs: 0, ...options, name: `outbound.${name}` });
  const ledger = new FailureLedger(store);
  const runners = [
    new SubscriptionRunner(store, dispatcher, { ...dispatcher.runnerOptions(), backoffMs: () => 10 }),
    new SubscriptionRunner(store, new FailureLedgerProjector(store, ledger, alerts, `ledger.${name}`), { backoffMs: () => 10 }),
  ];
  if (options.webhookUrl) {
    runners.push(new SubscriptionRunner(store, new AlertNotifier({ name: `notifier.${name}`, webhookUrl: options.webhookUrl, publicUrl: 'https://trestle.test' })));
  }
  for (const runner of runners) runner.start();
  return {
    dispatcher, ledger, alerts,
    stop: async () => {
      await Promise.all(runners.map((r) => r.stop()));
      dispatcher.close();
    },
  };
};

/** A saga's request: its own stream `acme.saga.thing-{marker}`, connection acme. */
export const appendRequest = async (store: EventStore, type: string, marker: string, realm = 'r1'): Promise<RecordedEvent> => {
  const stream = `acme.saga.thing-${marker}`;
  await store.append(stream, [{
    id: deterministicEventId('test-request', type, marker), type, data: { realm, marker, amount: 100 },
    metadata: { connection: 'acme', correlationId: `corr-${marker}` },
  }], 'any');
  return (await store.readStream(stream)).at(-1)!;
};

export const auditOf = (store: EventStore, request: RecordedEvent): Promise<RecordedEvent[]> =>
  store.readStream(outboundRequestStream('acme', request.id));

/** True once the request's audit stream holds its saga outcome. */
export const settled = async (store: EventStore, request: RecordedEvent): Promise<boolean> =>
  (await auditOf(store, request)).some((e) => e.metadata.outbound !== undefined);
