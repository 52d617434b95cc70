import { setMaxListeners } from 'node:events';
import type { AllFilter, EventStore, RecordedEvent } from '../../../eventstore/index.js';
import { noAlerts, type AlertSink } from '../../alerts/alert-events.js';
import { silentLogger, type HandleContext, type Logger, type SubscriptionHandler } from '../../../platform/subscriptions/subscription-handler.js';
import { APPROVAL_EVENT, needsApproval, type ApprovalQueue, type OutboundHoldDecidedData } from './approval-queue.js';
import { connectionOf } from './audit-events.js';
import { dryRunStep, type DryRunLedger } from './dry-run-ledger.js';
import { BreakerAlerts } from './breaker-alerts.js';
import { createCallExecutor } from './call-executor.js';
import { systemClock, type Clock } from './clock.js';
import type { OutboundHandlerRegistry } from './handler-registry.js';
import { OUTBOUND_EVENT, type AttemptOutcome, type OutboundRequestQueuedData, type OutboundRetryRequestedData } from './outbound-events.js';
import type { OutboundHandler, OutboundRequest } from './outbound-handler.js';
import { deliverRequest, rejectRequest, type RequestProcessDeps } from './request-process.js';
import { retryPolicy, type RetryPolicy } from '../../../platform/http/retry-policy.js';
import { DEFAULT_BREAKER_OPTIONS, TargetBreaker, type BreakerOptions } from './target-breaker.js';
import { TargetLane, type CallRecord, type CallExecutor } from './target-lane.js';
import { limitsFor, targetKind, type TargetLimits } from './target-limits.js';

export interface DispatcherOptions {
  /** Subscription (checkpoint) name; default `outbound.dispatcher`. */
  readonly name?: string;
  /** Requests in flight at once (default 32); one saga's requests still go in order. */
  readonly concurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Per target kind (`quickbooks`, `xero`, ...), over the documented defaults. */
  readonly limits?: Readonly<Record<string, Partial<TargetLimits>>>;
  readonly breaker?: Partial<BreakerOptions>;
  /** Raise the outage alert only once the breaker has stayed open this long (default 60 s). */
  readonly breakerAlertDelayMs?: number;
  /** Per connection (its config's `outbound` block), over `retry` and `breaker` above. */
  readonly connections?: Readonly<Record<string, ConnectionTuning>>;
  /** Connections in `approval` posting mode: their writes to the books wait in the approval queue for an operator. */
  readonly approvalConnections?: readonly string[];
  /** Connections in `dry-run` posting mode: their writes to the books are recorded (what would post), never sent. */
  readonly dryRunConnections?: readonly string[];
}


/** A throttle this long (a daily limit, not a per-minute one) is worth an alert. */
const LONG_PAUSE_MS = 15 * 60_000;
export const pausedAlertKey = (target: string): string => `paused:${target}`;
/** One connection's overrides; `callTimeoutMs` also bounds each call of its requests. */
export interface ConnectionTuning {
  readonly retry?: Partial<RetryPolicy>;
  readonly breaker?: Partial<BreakerOptions>;
}

/** What the dispatcher reports; the Nest module maps it onto MetricsService. */
export interface OutboundMetrics {
  attempt(target: string, outcome: AttemptOutcome): void;
  breaker(target: string, open: boolean): void;
}

export interface DispatcherDeps {
  readonly store: EventStore;
  readonly registry: OutboundHandlerRegistry;
  readonly alerts?: AlertSink;
  readonly metrics?: OutboundMetrics;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Where held requests wait; required when `approvalConnections` names any. */
  readonly approvals?: ApprovalQueue;
  /** Where dry-run writes are recorded; required when `dryRunConnections` names any. */
  readonly dryRun?: DryRunLedger;
}

/** Requests of one saga run in order; a retry event carries its saga in `metadata.sagaStream`. */
export const partitionBySaga = (event: RecordedEvent): string => {
  const saga = event.metadata.sagaStream;
  return typeof saga === 'string' ? saga : event.streamName;
};

const NEVER = new AbortController().signal;

/**
 * Turns request events into calls (ARCHITECTURE "The path of one change", step 4): a durable
 * subscriber over the registered request types and operator retries. Run it with
 * `runnerOptions()` (concurrent, partitioned by saga).
 */
export class OutboundDispatcher implements SubscriptionHandler {
  readonly name: string;
  private readonly lanes = new Map<string, TargetLane>();
  private readonly targets = new Map<string, { connection: string | null; lastError: string; answered: boolean; pausedAlert?: boolean }>();
  private readonly breakerAlerts: BreakerAlerts;
  private readonly executors = new Map<number, CallExecutor>();
  private readonly policies = new Map<string, RetryPolicy>();
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly deps: DispatcherDeps, private readonly options: DispatcherOptions = {}) {
    this.name = options.name ?? 'outbound.dispatcher';
    this.policy = retryPolicy(options.retry);
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    for (const connection of Object.keys(options.connections ?? {})) this.policyFor(connection); // bad settings fail at boot
    this.breakerAlerts = new BreakerAlerts(deps.alerts ?? noAlerts, options.breakerAlertDelayMs ?? 60_000, this.clock, this.logger);
    for (const kind of Object.keys(options.limits ?? {})) limitsFor(kind, options.limits); // bad limits fail at boot
  }

  /** Read when the runner starts; the handler set is fixed from then on. */
  get filter(): AllFilter {
    this.deps.registry.close();
    return { eventTypes: [...this.deps.registry.requestTypes(), OUTBOUND_EVENT.retryRequested, APPROVAL_EVENT.decided] };
  }

  /**
   * Concurrent, in order per saga. handle() only throws on store errors; those get more
   * runner retries than usual (about a minute and a half), since a parked request never posts.
   */
  runnerOptions(): { concurrency: number; partitionKey: (event: RecordedEvent) => string; maxAttempts: number } {
    return { concurrency: this.options.concurrency ?? 32, partitionKey: partitionBySaga, maxAttempts: 20 };
  }

  async handle(event: RecordedEvent, context?: HandleContext): Promise<void> {
    const signal = context?.signal ?? NEVER;
    // Every request in flight waits on the stop signal (queue, backoff): dozens of listeners
    // are expected there, not a leak; each is removed when its wait ends.
    setMaxListeners(0, signal);
    if (event.type === OUTBOUND_EVENT.retryRequested) return this.retry(event, signal);
    if (event.type === APPROVAL_EVENT.decided) return this.approved(event, signal);
    // A saga's copy of another saga's event is not a new request.
    if (event.metadata.inputStream !== undefined) return;
    const handler = this.deps.registry.get(event.type);
    if (!handler) return;
    const target = handler.target(event);
    if (this.deps.dryRun && this.options.dryRunConnections?.includes(connectionOf(event))) {
      const step = dryRunStep(event, needsApproval(event.type, target));
      if (step.kind === 'record') return this.deps.dryRun.record(event, target, handler.documentStream?.(event) ?? event.streamName);
      return this.deliver(step.request, handler, signal);
    }
    if (this.deps.approvals && this.options.approvalConnections?.includes(connectionOf(event)) && needsApproval(event.type, target)) {
      return this.deps.approvals.hold(event, target, handler.documentStream?.(event) ?? event.streamName);
    }
    await this.deliver(event, handler, signal);
  }

  /** Shuts the breakers' timers; call after the subscription stopped. */
  close(): void {
    this.breakerAlerts.close();
    for (const lane of this.lanes.values()) lane.breaker.shutdown();
  }

  /** An operator retry: read the request back from its saga stream and deliver it again. */
  private async retry(event: RecordedEvent, signal: AbortSignal): Promise<void> {
    const [first] = await this.deps.store.readStream(event.streamName, { maxCount: 1 });
    const queued = first?.type === OUTBOUND_EVENT.queued ? (first.data as OutboundRequestQueuedData) : undefined;
    if (!queued) return this.logger.error({ stream: event.streamName }, 'retry requested for an audit stream without its queued request');
    const [request] = await this.deps.store.readStream(queued.sagaStream, { fromRevision: queued.requestRevision, maxCount: 1 });
    const handler = request && request.id === queued.requestId ? this.deps.registry.get(request.type) : undefined;
    if (!request || !handler) return this.logger.error({ requestId: queued.requestId, requestType: queued.requestType }, 'cannot retry: request or handler not found');
    // Retrying what an operator rejected asks for approval again; it does not post past the queue.
    if ((await this.deps.approvals?.decisionOn(request.id))?.decision === 'rejected') {
      const { cycle } = event.data as OutboundRetryRequestedData;
      return this.deps.approvals!.hold(request, handler.target(request), handler.documentStream?.(request) ?? request.streamName, cycle);
    }
    await this.deliver(request, handler, signal);
  }

  /** An operator decided on a held request: read it back from its saga stream; deliver it, or tell its saga it was rejected. */
  private async approved(event: RecordedEvent, signal: AbortSignal): Promise<void> {
    const decided = event.data as OutboundHoldDecidedData;
    const [request] = await this.deps.store.readStream(decided.sagaStream, { fromRevision: decided.requestRevision, maxCount: 1 });
    const handler = request && request.id === decided.requestId ? this.deps.registry.get(request.type) : undefined;
    if (!request || !handler) return this.logger.error({ requestId: decided.requestId }, 'cannot act on a decided request: request or handler not found');
    if (decided.decision === 'approved') await this.deliver(request, handler, signal);
    else await rejectRequest({ store: this.deps.store, clock: this.clock }, request, handler, decided.decidedBy ?? 'an operator');
  }

  private deliver(request: OutboundRequest, handler: OutboundHandler, signal: AbortSignal): Promise<void> {
    const deps: RequestProcessDeps = {
      store: this.deps.store, policy: this.policyFor(connectionOf(request)), clock: this.clock, logger: this.logger, random: this.deps.random,
      lane: (target) => this.lane(target, connectionOf(request)),
      onAttempt: (target, outcome, call) => this.observed(target, outcome, call),
    };
    return deliverRequest(deps, request, handler, signal);
  }

  private lane(target: string, connection: string): TargetLane {
    const info = this.targets.get(target);
    if (info) info.connection = connection;
    else this.targets.set(target, { connection, lastError: 'no answer', answered: false });
    let lane = this.lanes.get(target);
    if (!lane) {
      // A target (realm, tenant, company) belongs to one connection: the first to use it sets its tuning.
      const breaker = new TargetBreaker(target, { ...DEFAULT_BREAKER_OPTIONS, ...this.options.breaker, ...this.tuning(connection)?.breaker });
      breaker.onStateChange((state) => {
        this.deps.metrics?.breaker(target, state !== 'closed');
        this.breakerAlerts.changed(target, state, () => this.targets.get(target)!);
      });
      lane = new TargetLane(target, limitsFor(targetKind(target), this.options.limits), breaker, this.executorFor(this.policyFor(connection)), this.clock);
      this.lanes.set(target, lane);
    }
    return lane;
  }

  private tuning(connection: string): ConnectionTuning | undefined {
    const all = this.options.connections ?? {};
    return Object.hasOwn(all, connection) ? all[connection] : undefined;
  }

  private policyFor(connection: string): RetryPolicy {
    const tuning = this.tuning(connection);
    if (!tuning?.retry) return this.policy;
    let policy = this.policies.get(connection);
    if (!policy) {
      policy = retryPolicy({ ...this.options.retry, ...tuning.retry });
      this.policies.set(connection, policy);
    }
    return policy;
  }

  /** One executor per call time limit: it only holds the limit. */
  private executorFor(policy: RetryPolicy): CallExecutor {
    let executor = this.executors.get(policy.callTimeoutMs);
    if (!executor) {
      executor = createCallExecutor(policy.callTimeoutMs);
      this.executors.set(policy.callTimeoutMs, executor);
    }
    return executor;
  }

  private observed(target: string, outcome: AttemptOutcome, call: CallRecord): void {
    this.deps.metrics?.attempt(target, outcome);
    const info = this.targets.get(target)!;
    if (!call.result.ok && (outcome === 'retryable' || outcome === 'ambiguous')) {
      const { status, code, message } = call.result;
      info.lastError = [status, code === String(status) ? undefined : code, message].filter((part) => part !== undefined).join(' ');
    } else if (call.result.ok && !info.answered) {
      info.answered = true;
      this.breakerAlerts.recovered(target);
    }
    this.watchLongPause(target, info, call);
  }

  /**
   * A target that asks for a pause of a quarter of an hour or more (Xero's daily limit spent:
   * its lane holds every request until Retry-After) is an incident for the operator, not a
   * blip: one alert, cleared by the target's next answer.
   */
  private watchLongPause(target: string, info: { connection: string | null; pausedAlert?: boolean }, call: CallRecord): void {
    const alerts = this.deps.alerts ?? noAlerts;
    const result = call.result;
    if (!result.ok && result.kind === 'throttled' && (result.retryAfterMs ?? 0) >= LONG_PAUSE_MS && !info.pausedAlert) {
      info.pausedAlert = true;
      const until = new Date(this.clock.now() + (result.retryAfterMs ?? 0)).toISOString();
      void alerts.raise({ key: pausedAlertKey(target), kind: 'target-paused', connection: info.connection, subject: target, documentStream: null, error: `${result.message} (paused until ${until})` })
        .catch((error: unknown) => this.logger.error({ err: error }, 'could not record a pause alert'));
    } else if (result.ok && info.pausedAlert) {
      info.pausedAlert = false;
      void alerts.clear(pausedAlertKey(target), 'the target takes calls again').catch((error: unknown) => this.logger.error({ err: error }, 'could not clear a pause alert'));
    }
  }
}
