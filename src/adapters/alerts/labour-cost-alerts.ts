import type { RecordedEvent } from '../../eventstore/index.js';
import type { SubscriptionHandler } from '../../platform/subscriptions/subscription-handler.js';
import type { AlertSink } from './alert-events.js';

const UNCOSTED = 'TimecardLabourUncosted.v1';
/** A later post or update of the same entry with a cost rate (a rate was added to the mapping) ends the warning. */
const COSTED_BY = ['PostTimeActivityRequested.v1', 'UpdateTimeActivityRequested.v1'] as const;

interface DocumentData {
  readonly document?: { readonly connection?: string; readonly source?: string; readonly type?: string; readonly externalId?: string };
  readonly costRate?: string | null;
  readonly message?: string;
}

/**
 * One warning per timecard that posted without a labour cost (job cost and reconciliation miss
 * its hours), cleared when the entry is posted again with a rate. The timecard saga records the
 * fact in the same append as the request, so the warning survives restarts like any alert.
 */
export class LabourCostAlerts implements SubscriptionHandler {
  readonly name = 'alerts.labour-cost';
  readonly filter = { eventTypes: [UNCOSTED, ...COSTED_BY] };

  constructor(private readonly alerts: AlertSink) {}

  async handle(event: RecordedEvent): Promise<void> {
    const data = (event.data ?? {}) as DocumentData;
    const key = `labour-uncosted:${event.streamName}`;
    if (event.type !== UNCOSTED) {
      if (typeof data.costRate === 'string') await this.alerts.clear(key, 'the entry was posted again with a cost rate');
      return;
    }
    await this.alerts.raise({
      key, kind: 'labour-uncosted', connection: event.metadata.connection, subject: event.streamName, documentStream: event.streamName,
      error: data.message ?? 'a timecard posted without a labour cost',
    });
  }
}
