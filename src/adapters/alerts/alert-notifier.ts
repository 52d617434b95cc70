import type { RecordedEvent } from '../../eventstore/index.js';
import { silentLogger, type Logger, type SubscriptionHandler } from '../../platform/subscriptions/subscription-handler.js';
import { ALERTS_STREAM, ALERT_EVENT, type AlertClearedData, type AlertRaisedData } from './alert-events.js';
import { clearedMessage, raisedMessage, type ChatMessage } from './alert-message.js';

export interface NotifierOptions {
  /** Subscription (checkpoint) name; default `alerts.notifier`. */
  readonly name?: string;
  /** Slack or Google Chat incoming webhook; without one, alerts are only logged. */
  readonly webhookUrl?: string;
  /** Base of links in messages, e.g. `https://trestle.example.com`. */
  readonly publicUrl: string;
  /** Older incidents are not sent (a new notifier replays the whole stream); default 24 h. */
  readonly maxAgeMs?: number;
  readonly timeoutMs?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

/**
 * Sends each AlertRaised / AlertCleared to the chat webhook, from a durable subscription: a
 * failed POST throws, so the runner retries it. The webhook URL is a secret (Slack puts the
 * token in the path) and never appears in a log or an error.
 */
export class AlertNotifier implements SubscriptionHandler {
  readonly name: string;
  readonly filter = { streamPrefixes: [ALERTS_STREAM], eventTypes: [ALERT_EVENT.raised, ALERT_EVENT.cleared] };

  constructor(private readonly options: NotifierOptions) {
    this.name = options.name ?? 'alerts.notifier';
  }

  async handle(event: RecordedEvent): Promise<void> {
    const logger = this.options.logger ?? silentLogger;
    const age = (this.options.now?.() ?? Date.now()) - Date.parse(event.metadata.recordedAt);
    if (age > (this.options.maxAgeMs ?? 24 * 3600_000)) return;
    const message = event.type === ALERT_EVENT.raised
      ? raisedMessage(event.data as AlertRaisedData, this.options.publicUrl)
      : clearedMessage(event.data as AlertClearedData, this.options.publicUrl);
    const { key, kind, connection } = event.data as AlertRaisedData;
    if (!this.options.webhookUrl) return logger.warn({ key, kind, connection, text: message.text }, 'alert (no webhook configured)');
    await this.post(this.options.webhookUrl, message);
    logger.info({ key, kind, connection, type: event.type }, 'alert sent');
  }

  private async post(url: string, message: ChatMessage): Promise<void> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new Error(`alert webhook unreachable: ${(error as Error).name}`);
    }
    await response.body?.cancel();
    if (!response.ok) throw new Error(`alert webhook answered ${response.status}`);
  }
}
