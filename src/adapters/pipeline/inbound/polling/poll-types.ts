import type { ChangeNotice } from '../inbox/inbox-events.js';

/** The span one poll of one resource covers: since its cursor (none on the first run) until now plus skew. */
export interface PollWindow {
  readonly since: Date | undefined;
  readonly until: Date;
}

export interface PollResult {
  readonly notices: readonly ChangeNotice[];
  /** Where the next poll starts when this one could not cover the whole window (QuickBooks CDC's 1000 cap). */
  readonly resumeAt?: Date;
}

/** One list (or CDC call) swept on every poll, with its own durable cursor. */
export interface ResourcePoll {
  /** The cursor's name within the connection and source, e.g. "Requisitions:2468013". */
  readonly key: string;
  run(window: PollWindow): Promise<PollResult>;
}
