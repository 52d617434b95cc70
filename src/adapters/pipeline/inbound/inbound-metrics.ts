import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../../../platform/metrics/metrics.service.js';

/** The inbound side's own numbers, in the hub's registry (so /metrics shows them). */
@Injectable()
export class InboundMetrics {
  readonly needsReconnect: Gauge<'connection' | 'system'>;
  readonly tokenRequests: Counter<'system' | 'outcome'>;
  readonly inboxProcessed: Counter<'source' | 'outcome'>;
  readonly documentsRecorded: Counter<'source' | 'type'>;
  readonly polls: Counter<'source' | 'outcome'>;

  constructor(readonly hub: MetricsService) {
    const registers = [hub.registry];
    this.needsReconnect = new Gauge({ name: 'trestle_connection_needs_reconnect', help: '1 while a connection\'s credentials were refused and a person must reconnect it', labelNames: ['connection', 'system'], registers });
    this.tokenRequests = new Counter({ name: 'trestle_oauth_token_requests_total', help: 'Token endpoint calls by outcome', labelNames: ['system', 'outcome'], registers });
    this.inboxProcessed = new Counter({ name: 'trestle_inbox_notices_total', help: 'Change notices processed, by outcome', labelNames: ['source', 'outcome'], registers });
    this.documentsRecorded = new Counter({ name: 'trestle_document_events_total', help: 'Document events recorded', labelNames: ['source', 'type'], registers });
    this.polls = new Counter({ name: 'trestle_polls_total', help: 'Reconciliation polls by outcome', labelNames: ['source', 'outcome'], registers });
  }

  /** Outcome counter for calls to the source APIs, shared with the outbound side. */
  apiOutcome(target: string): (outcome: string) => void {
    return (outcome) => this.hub.outboundRequests.inc({ target, outcome });
  }
}
