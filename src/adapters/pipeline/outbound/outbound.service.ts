import { Inject, Injectable, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { EventStore } from '../../../eventstore/index.js';
import { MetricsService } from '../../../platform/metrics/metrics.service.js';
import { SubscriptionsService } from '../../../platform/subscriptions/subscriptions.service.js';
import { EVENT_STORE } from '../../../platform/tokens.js';
import { AlertService } from '../../alerts/alert-service.js';
import { ApprovalQueue } from './approval-queue.js';
import { DryRunLedger } from './dry-run-ledger.js';
import { FailureLedger, type FailureEntry } from './failure-ledger.js';
import { FailureLedgerProjector } from './failure-ledger.projector.js';
import { requestRetry, type RetryAnswer, type RetryInput } from './failure-retry.js';
import { OutboundHandlerRegistry } from './handler-registry.js';
import { OutboundDispatcher, type DispatcherOptions, type OutboundMetrics } from './outbound-dispatcher.js';
import type { OutboundHandler } from './outbound-handler.js';

export interface OutboundModuleOptions extends DispatcherOptions {
  /** Handlers known up front; feature modules may also `register` theirs in onModuleInit. */
  readonly handlers?: readonly OutboundHandler[];
}

export const OUTBOUND_OPTIONS = Symbol('OutboundModuleOptions');

const metricsOf = (metrics: MetricsService): OutboundMetrics => ({
  attempt: (target, outcome) => metrics.outboundRequests.inc({ target, outcome }),
  breaker: (target, open) => metrics.breakerOpen.set({ target }, open ? 1 : 0),
});

export interface FailureDetail extends FailureEntry {
  /** The request's audit stream: every call, its response, the outcome, retries. */
  readonly history: ReadonlyArray<{ revision: number; type: string; recordedAt: string; data: unknown }>;
}

/** Wires the dispatcher and the failure ledger into the hub's subscriptions and metrics. */
@Injectable()
export class OutboundService implements OnModuleInit, OnApplicationShutdown {
  readonly ledger: FailureLedger;
  /** Requests held by connections in `approval` posting mode, and the operator's decisions. */
  readonly approvals: ApprovalQueue;
  /** What connections in `dry-run` posting mode would have written to the books. */
  readonly dryRun: DryRunLedger;
  readonly dispatcher: OutboundDispatcher;
  private readonly projector: FailureLedgerProjector;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore, @Inject(OUTBOUND_OPTIONS) options: OutboundModuleOptions,
    registry: OutboundHandlerRegistry, metrics: MetricsService, private readonly subscriptions: SubscriptionsService,
    logger: PinoLogger, @Optional() alerts?: AlertService,
  ) {
    logger.setContext('outbound');
    this.ledger = new FailureLedger(store, (count) => metrics.deadLettered.set(count));
    this.approvals = new ApprovalQueue(store);
    this.dryRun = new DryRunLedger(store);
    this.dispatcher = new OutboundDispatcher({ store, registry, alerts, logger, metrics: metricsOf(metrics), approvals: this.approvals, dryRun: this.dryRun }, options);
    this.projector = new FailureLedgerProjector(store, this.ledger, alerts);
  }

  async onModuleInit(): Promise<void> {
    this.subscriptions.register(this.dispatcher, this.dispatcher.runnerOptions());
    this.subscriptions.register(this.projector);
    await this.ledger.refresh();
  }

  onApplicationShutdown(): void {
    this.dispatcher.close();
  }

  retry(requestId: string, input: RetryInput = {}): Promise<RetryAnswer> {
    return requestRetry(this.store, this.ledger, requestId, input);
  }

  async failure(requestId: string): Promise<FailureDetail | undefined> {
    const entry = await this.ledger.get(requestId);
    if (!entry) return undefined;
    const events = await this.store.readStream(entry.auditStream);
    return { ...entry, history: events.map((e) => ({ revision: e.revision, type: e.type, recordedAt: e.metadata.recordedAt, data: e.data })) };
  }
}
