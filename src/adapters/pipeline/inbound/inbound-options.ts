import type { TrestleConfig } from '../../../platform/config/connection.types.js';

export const INBOUND_OPTIONS = Symbol('InboundOptions');

export interface InboundOptions {
  /** The connections (loadTrestleConfigFile, or demoConfig for the in-process sandboxes). */
  readonly config: TrestleConfig;
  /** Run the reconciliation poll on its timer (default true); tests call Poller.pollNow instead. */
  readonly polling?: boolean;
  /** Delay before each connection's first poll (default 1 s): lets the server finish starting. */
  readonly firstPollDelayMs?: number;
  /** The fetch every source client and token request uses (default: global fetch). */
  readonly fetch?: typeof fetch;
}
