import type { EventStore, RecordedEvent } from '../../eventstore/index.js';

/** An event as a decider sees it: type and data, no storage detail. */
export interface Message {
  readonly type: string;
  readonly data: unknown;
}

/**
 * A durable process manager (STYLE rule 9): a pure decider plus what the runner needs to
 * route inputs to instances and to look up context. Each instance has its own stream holding
 * its inputs and outputs; its state is rebuilt from that stream.
 */
export interface ProcessManager<State, Context = undefined> {
  /** Names the subscription checkpoint (`saga.{name}`) and the instance streams. */
  readonly name: string;
  /** Event types this manager reacts to. */
  readonly inputTypes: readonly string[];
  /** The instance streams an input concerns (usually one; a mapping change may resume many). */
  instancesFor(input: RecordedEvent, store: EventStore): Promise<readonly string[]> | readonly string[];
  readonly initialState: State;
  evolve(state: State, event: Message): State;
  /** Lookups the decider may not do itself (mapping, links, commitments), done before deciding. */
  loadContext(input: RecordedEvent, state: State, instance: string): Promise<Context>;
  decide(input: Message, state: State, context: Context): readonly Message[];
}
