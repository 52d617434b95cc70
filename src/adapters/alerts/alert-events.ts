/**
 * Incidents, one per problem rather than one per retry. They are events in `system.alerts`,
 * so "already alerted" survives a restart and the operator can read the incident history.
 */
export const ALERTS_STREAM = 'system.alerts';

export const ALERT_EVENT = { raised: 'AlertRaised.v1', cleared: 'AlertCleared.v1' } as const;

/**
 * `dead-letter`: a request's retry budget ran out. `breaker`: a target is unreachable. `quarantine`: a document is parked.
 * `target-paused`: a target asked for a long pause (Xero's daily call limit) and posts nothing until it ends.
 */
export type AlertKind = 'dead-letter' | 'breaker' | 'quarantine' | 'target-paused' | (string & {});

export interface AlertInput {
  /** One incident per key at a time, e.g. `breaker:quickbooks:9130`, `dead-letter:{requestId}`. */
  readonly key: string;
  readonly kind: AlertKind;
  readonly connection: string | null;
  /** The document (or the target) the alert is about, as a reader would name it. */
  readonly subject: string;
  /** The stream whose history the alert links to; null when there is no single document. */
  readonly documentStream: string | null;
  readonly error: string;
}

export interface AlertRaisedData extends AlertInput {
  /** 1 for the key's first incident, 2 for the next... */
  readonly incident: number;
  readonly raisedAt: string;
}

/** Repeats what the raise said, so the recovery message stands on its own. */
export interface AlertClearedData extends AlertInput {
  readonly incident: number;
  readonly reason: string;
  readonly clearedAt: string;
}

/** What raises and clears alerts (the AlertService; a no-op when alerts are not configured). */
export interface AlertSink {
  /** True when this opened a new incident; false when the key already had one open. */
  raise(input: AlertInput): Promise<boolean>;
  /** True when an open incident was closed. */
  clear(key: string, reason: string): Promise<boolean>;
}

export const noAlerts: AlertSink = { raise: async () => false, clear: async () => false };
