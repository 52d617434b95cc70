import {
  WrongExpectedRevisionError, deterministicEventId, type EventData, type EventStore, type RecordedEvent,
} from '../../eventstore/index.js';
import type { SubscriptionHandler } from '../../platform/subscriptions/subscription-handler.js';
import type { Message, ProcessManager } from './process-manager.js';

/** Input copies drop the raw source payload: the document's own stream keeps it. */
const inputCopy = (input: RecordedEvent): unknown => {
  const data = input.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || !('raw' in data)) return input.data;
  const { raw: _raw, ...rest } = data;
  return rest;
};

/**
 * Runs a process manager from the durable subscription. For each input and instance it
 * appends, in ONE append guarded by the stream revision, a copy of the input and the
 * decider's outputs. Ids derive from (instance, input id, index), and an input whose copy is
 * already in the stream is skipped, so a crash and a replay never apply anything twice.
 */
export class ProcessManagerRunner<State, Context> implements SubscriptionHandler {
  readonly name: string;
  readonly filter: { eventTypes: readonly string[] };

  constructor(private readonly store: EventStore, private readonly manager: ProcessManager<State, Context>) {
    this.name = `saga.${manager.name}`;
    this.filter = { eventTypes: manager.inputTypes };
  }

  async handle(input: RecordedEvent): Promise<void> {
    const instances = await this.manager.instancesFor(input, this.store);
    for (const instance of instances) await this.handleFor(instance, input);
  }

  /** State of one instance, as its stream says now. */
  async load(instance: string): Promise<{ state: State; revision: number | undefined; events: RecordedEvent[] }> {
    const events = await this.store.readStream(instance);
    const state = events.reduce<State>((s, e) => this.manager.evolve(s, e), this.manager.initialState);
    return { state, revision: events.at(-1)?.revision, events };
  }

  private async handleFor(instance: string, input: RecordedEvent, attempt = 1): Promise<void> {
    const copyId = deterministicEventId(instance, input.id, 'input');
    const { state, revision, events } = await this.load(instance);
    if (events.some((e) => e.id === copyId)) return; // handled before a crash or on a redelivery
    const context = await this.manager.loadContext(input, state, instance);
    const outputs = this.manager.decide(input, state, context);
    const metadata = {
      correlationId: input.metadata.correlationId, causationId: input.id,
      connection: input.metadata.connection, source: 'hub', processManager: this.manager.name,
    };
    const batch: EventData[] = [
      { id: copyId, type: input.type, data: inputCopy(input), metadata: { ...metadata, inputStream: input.streamName, inputRevision: input.revision } },
      ...outputs.map((output: Message, index) => ({ id: deterministicEventId(instance, input.id, index), type: output.type, data: output.data, metadata })),
    ];
    try {
      await this.store.append(instance, batch, revision ?? 'no_stream');
    } catch (error) {
      // Another runner (or process) moved the instance on: decide again on the new state.
      if (error instanceof WrongExpectedRevisionError && attempt < 5) return this.handleFor(instance, input, attempt + 1);
      throw error;
    }
  }
}
