import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../eventstore/index.js';
import type { AlertInput, AlertSink } from './alert-events.js';
import { LabourCostAlerts } from './labour-cost-alerts.js';

/** Records what the subscriber asks of the alert service. */
const recordingSink = () => {
  const calls: Array<['raise', AlertInput] | ['clear', string]> = [];
  const sink: AlertSink = {
    raise: async (input) => { calls.push(['raise', input]); return true; },
    clear: async (key) => { calls.push(['clear', key]); return true; },
  };
  return { sink, calls };
};

const event = (type: string, data: unknown): RecordedEvent =>
  ({ type, data, streamName: 'acme.sync.timecard-990100', metadata: { connection: 'acme' } }) as unknown as RecordedEvent;

describe('labour cost alerts', () => {
  it('raises one warning per uncosted timecard, naming it, and clears it when it posts again with a rate', async () => {
    const { sink, calls } = recordingSink();
    const alerts = new LabourCostAlerts(sink);
    await alerts.handle(event('TimecardLabourUncosted.v1', { message: 'Timecard 990100 posts without a labour cost' }));
    await alerts.handle(event('PostTimeActivityRequested.v1', { costRate: null }));
    await alerts.handle(event('UpdateTimeActivityRequested.v1', { costRate: '45.00' }));
    expect(calls).toEqual([
      ['raise', {
        key: 'labour-uncosted:acme.sync.timecard-990100', kind: 'labour-uncosted', connection: 'acme', subject: 'acme.sync.timecard-990100',
        documentStream: 'acme.sync.timecard-990100', error: 'Timecard 990100 posts without a labour cost',
      }],
      ['clear', 'labour-uncosted:acme.sync.timecard-990100'],
    ]);
  });
});
