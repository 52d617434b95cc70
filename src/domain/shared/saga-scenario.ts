/**
 * Given/when/then for a saga decider (STYLE rules 9 and 13), the way the runner drives it:
 * the instance stream holds each input followed by the outputs decided for it, and the state
 * is the fold of that stream.
 */
export interface SagaDecider<I extends { type: string }, O extends { type: string }, S, C> {
  readonly initialState: S;
  readonly evolve: (state: S, event: I | O) => S;
  readonly decide: (input: I, state: S, context: C) => readonly O[];
}

export interface Scenario<I extends { type: string }, O extends { type: string }, S, C> {
  /** The stream so far; `when` decides one more input on its state. */
  given(history: readonly (I | O)[]): { when: (input: I, context: C) => readonly O[]; state: () => S };
  /** Runs inputs one after another as the runner would, returning the whole stream. */
  play(steps: readonly (readonly [I, C])[], history?: readonly (I | O)[]): (I | O)[];
}

export const sagaScenario = <I extends { type: string }, O extends { type: string }, S, C>(d: SagaDecider<I, O, S, C>): Scenario<I, O, S, C> => {
  const fold = (history: readonly (I | O)[]): S => history.reduce(d.evolve, d.initialState);
  return {
    given: (history) => ({ when: (input, context) => d.decide(input, fold(history), context), state: () => fold(history) }),
    play: (steps, history = []) => steps.reduce<(I | O)[]>((stream, [input, context]) => [...stream, input, ...d.decide(input, fold(stream), context)], [...history]),
  };
};

/** The outputs of one type, with their data, in order. */
export const ofType = <O extends { type: string }, T extends O['type']>(outputs: readonly O[], type: T): Extract<O, { type: T }>[] =>
  outputs.filter((o): o is Extract<O, { type: T }> => o.type === type);
