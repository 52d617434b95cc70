import type { AlertSink } from '../../alerts/alert-events.js';
import type { Logger } from '../../../platform/subscriptions/subscription-handler.js';
import type { Clock } from './clock.js';
import type { BreakerState } from './target-breaker.js';

export interface TargetContext {
  /** The connection of the latest request sent to this target. */
  readonly connection: string | null;
  /** The latest outage failure, for the alert text. */
  readonly lastError: string;
}

export const breakerAlertKey = (target: string): string => `breaker:${target}`;

/**
 * One alert per outage: raised when a target's breaker has stayed open for `delayMs` (a
 * blip that heals within it is not an incident), cleared with a recovery message when the
 * breaker closes. Probes failing in between re-open the breaker but raise nothing new.
 */
export class BreakerAlerts {
  private readonly pending = new Map<string, () => void>();

  constructor(private readonly alerts: AlertSink, private readonly delayMs: number, private readonly clock: Clock, private readonly logger: Logger) {}

  changed(target: string, state: BreakerState, context: () => TargetContext): void {
    if (state === 'open' && !this.pending.has(target)) {
      this.pending.set(target, this.clock.setTimer(() => this.raise(target, context()), this.delayMs));
      this.logger.warn({ target }, 'circuit breaker opened: calls to this target are paused');
    } else if (state === 'closed') {
      this.pending.get(target)?.();
      this.pending.delete(target);
      this.recovered(target);
    }
  }

  /** Also called on a target's first success after a restart: the outage may have ended while we were down. */
  recovered(target: string): void {
    void this.alerts.clear(breakerAlertKey(target), 'the target answers again').catch((error: unknown) => this.failed(error));
  }

  private raise(target: string, context: TargetContext): void {
    const input = { key: breakerAlertKey(target), kind: 'breaker', connection: context.connection, subject: target, documentStream: null, error: context.lastError };
    void this.alerts.raise(input).catch((error: unknown) => this.failed(error));
  }

  private failed(error: unknown): void {
    this.logger.error({ err: error }, 'could not record a breaker alert');
  }

  close(): void {
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
  }
}
