import { WrongExpectedRevisionError, EventIdConflictError, deterministicEventId, type EventStore, type RecordedEvent } from '../../eventstore/index.js';
import {
  ALERTS_STREAM, ALERT_EVENT, type AlertClearedData, type AlertInput, type AlertRaisedData, type AlertSink,
} from './alert-events.js';

interface AlertsState {
  readonly open: Map<string, AlertRaisedData>;
  /** Incidents ever raised per key, so the next one gets a fresh, deterministic id. */
  readonly incidents: Map<string, number>;
  revision: number | undefined;
}

/**
 * Opens and closes incidents in `system.alerts`. The stream is the dedupe memory: a key with
 * an open incident raises nothing more, across retries, workers and restarts. The webhook
 * message is sent by the AlertNotifier subscriber, so a crash after the append still sends it.
 */
export class AlertService implements AlertSink {
  private state: AlertsState | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: EventStore, private readonly now: () => Date = () => new Date()) {}

  raise(input: AlertInput): Promise<boolean> {
    return this.serially(async (state) => {
      if (state.open.has(input.key)) return false;
      const incident = (state.incidents.get(input.key) ?? 0) + 1;
      const data: AlertRaisedData = { ...input, incident, raisedAt: this.now().toISOString() };
      await this.append(state, ALERT_EVENT.raised, deterministicEventId('alert', input.key, incident, 'raised'), data);
      return true;
    });
  }

  clear(key: string, reason: string): Promise<boolean> {
    return this.serially(async (state) => {
      const raised = state.open.get(key);
      if (!raised) return false;
      const { incident, raisedAt: _raisedAt, ...input } = raised;
      const data: AlertClearedData = { ...input, incident, reason, clearedAt: this.now().toISOString() };
      await this.append(state, ALERT_EVENT.cleared, deterministicEventId('alert', key, incident, 'cleared'), data);
      return true;
    });
  }

  /** Open incidents, oldest first. */
  async open(filter: { kind?: string; connection?: string } = {}): Promise<AlertRaisedData[]> {
    return this.serially(async (state) => [...state.open.values()]
      .filter((a) => (filter.kind === undefined || a.kind === filter.kind) && (filter.connection === undefined || a.connection === filter.connection)));
  }

  /** One operation at a time, on state caught up with the stream; re-read once if another writer moved it. */
  private serially<T>(operation: (state: AlertsState) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const state = await this.catchUp();
      try {
        return await operation(state);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError)) throw error;
        return operation(await this.catchUp());
      }
    };
    const result = this.queue.catch(() => undefined).then(run);
    this.queue = result;
    return result;
  }

  private async catchUp(): Promise<AlertsState> {
    this.state ??= { open: new Map(), incidents: new Map(), revision: undefined };
    const from = this.state.revision === undefined ? 0 : this.state.revision + 1;
    for (const event of await this.store.readStream(ALERTS_STREAM, { fromRevision: from })) this.apply(this.state, event);
    return this.state;
  }

  private apply(state: AlertsState, event: Pick<RecordedEvent, 'type' | 'data' | 'revision'>): void {
    const data = event.data as AlertRaisedData | AlertClearedData;
    if (event.type === ALERT_EVENT.raised) {
      state.open.set(data.key, data as AlertRaisedData);
      state.incidents.set(data.key, Math.max(state.incidents.get(data.key) ?? 0, data.incident));
    } else if (event.type === ALERT_EVENT.cleared) {
      state.open.delete(data.key);
    }
    state.revision = event.revision;
  }

  private async append(state: AlertsState, type: string, id: string, data: AlertRaisedData | AlertClearedData): Promise<void> {
    const result = await this.store.append(ALERTS_STREAM, [{
      id, type, data, metadata: { connection: data.connection, source: 'hub' },
    }], state.revision ?? 'no_stream');
    this.apply(state, { type, data, revision: result.nextRevision });
  }
}
