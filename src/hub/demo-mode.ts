import type { TrestleConfig } from '../platform/config/connection.types.js';
import { ConfigError } from '../platform/config/env.js';

/** The sample story playing through the sandboxes. */
export interface PlayingStory {
  /** Resolves when every step has run (or the story was stopped). */
  readonly finished: Promise<void>;
  stop(): void;
}

/** What the hub needs of the demo (sandbox/demo.ts provides it). */
export interface DemoWorld {
  /** The demo connection, as a config file would give it. */
  readonly config: TrestleConfig;
  /** The port the hub must listen on when the demo's config names it (a QuickBooks Desktop connection's `appUrl`). */
  readonly hubPort?: number;
  /** The simulators themselves (tests reach into them: see test/e2e/support). */
  readonly sandboxes: unknown;
  connectWebhooks(hubUrl: string): Promise<void>;
  playStory(log: { info(fields: object, message: string): void; warn(fields: object, message: string): void }, speed: number): PlayingStory;
  close(): Promise<void>;
}

// A path, not a literal import: the compiler does not follow it, so the production build holds no
// sandbox code. `npm start` builds the sandboxes beside the hub (tsconfig.demo.json).
const DEMO_ENTRY = '../../sandbox/demo.js';

/** Starts the sandboxes for demo mode; a clear error where they were not built (a production image). */
export const startDemoWorld = async (options: object | undefined): Promise<DemoWorld> => {
  let entry: { startDemo(options?: object): Promise<DemoWorld> };
  try {
    entry = (await import(DEMO_ENTRY)) as typeof entry;
  } catch (error) {
    throw new ConfigError([`demo mode needs the sandboxes, which this build does not contain (${(error as Error).message}); set TRESTLE_CONFIG to a connections file, or run \`npm start\` from a checkout`]);
  }
  return entry.startDemo(options);
};
