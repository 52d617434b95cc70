import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventStoreObserver } from '../../eventstore/index.js';

/** The operator's numbers (USER-STORIES: ingest rate, lag, retries, breaker state, parked, dead letters). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly eventsAppended = new Counter({ name: 'trestle_events_appended_total', help: 'Events appended to the store', registers: [this.registry] });
  readonly appendDuration = new Histogram({ name: 'trestle_append_duration_seconds', help: 'Duration of one group-commit batch', buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers: [this.registry] });
  readonly appendBatchSize = new Histogram({ name: 'trestle_append_batch_appends', help: 'Appends written per group commit', buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256], registers: [this.registry] });
  readonly subscriptionLag = new Gauge({ name: 'trestle_subscription_lag_seconds', help: 'Time from commit to handling, last event', labelNames: ['subscriber'], registers: [this.registry] });
  readonly subscriptionProcessed = new Counter({ name: 'trestle_subscription_events_total', help: 'Events handled per subscriber', labelNames: ['subscriber'], registers: [this.registry] });
  readonly parkedEvents = new Counter({ name: 'trestle_parked_events_total', help: 'Events parked after their retries ran out', labelNames: ['subscriber'], registers: [this.registry] });
  readonly webhooksReceived = new Counter({ name: 'trestle_webhooks_received_total', help: 'Webhook requests by source and outcome', labelNames: ['source', 'outcome'], registers: [this.registry] });
  readonly outboundRequests = new Counter({ name: 'trestle_outbound_requests_total', help: 'Calls to accounting and construction APIs', labelNames: ['target', 'outcome'], registers: [this.registry] });
  readonly breakerOpen = new Gauge({ name: 'trestle_breaker_open', help: '1 while the circuit breaker for a realm is open', labelNames: ['target'], registers: [this.registry] });
  readonly quarantined = new Gauge({ name: 'trestle_documents_quarantined', help: 'Documents parked for mapping or validation', registers: [this.registry] });
  readonly deadLettered = new Gauge({ name: 'trestle_requests_dead_lettered', help: 'Outbound requests whose retry budget ran out', registers: [this.registry] });
  readonly httpServerErrors = new Counter({ name: 'trestle_http_server_errors_total', help: 'Responses with a 5xx status, by route template and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'trestle_process_' });
  }

  readonly storeObserver: EventStoreObserver = {
    onAppend: ({ events, durationMs, batchSize }) => {
      this.eventsAppended.inc(events);
      this.appendDuration.observe(durationMs / 1000);
      this.appendBatchSize.observe(batchSize);
    },
  };
}
