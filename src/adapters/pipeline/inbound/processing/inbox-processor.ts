import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { EventStore, RecordedEvent } from '../../../../eventstore/index.js';
import { EVENT_STORE } from '../../../../platform/tokens.js';
import { SubscriptionsService } from '../../../../platform/subscriptions/subscriptions.service.js';
import type { AllFilter } from '../../../../eventstore/index.js';
import type { SubscriptionHandler } from '../../../../platform/subscriptions/subscription-handler.js';
import { ConnectionsService } from '../connections.service.js';
import { SourceSystems } from '../source-system.js';
import { ALL_INBOX_EVENT_TYPES, isInboxStream, type ChangeNotice } from '../inbox/inbox-events.js';
import { InboundMetrics } from '../inbound-metrics.js';
import { NormaliseError } from '../normalise/json-read.js';
import { DocumentRecorder, type RecordOutcome } from './document-recorder.js';
import { FetchCoalescer } from './fetch-coalescer.js';
import { ignored, type FetchContext, type FetchOutcome } from './observation.js';

/** Notices of one id are handled in order (ids are per resource type, so this is coarser than needed, never finer). */
const partitionOf = (notice: Partial<ChangeNotice>): string => `${notice.connection}/${notice.source}/${notice.resourceId}`;

/** One document at the source: what one fetch reads. */
const resourceKey = (notice: ChangeNotice): string => `${notice.connection}/${notice.source}/${notice.resource}/${notice.resourceId}`;

/**
 * The inbox processor: a checkpointed subscription to every inbox notice. It fetches the
 * document the notice names, normalises it and records the lifecycle fact in the
 * document's stream. Idempotent: a notice handled twice records nothing new.
 */
@Injectable()
export class InboxProcessor implements SubscriptionHandler, OnModuleInit {
  readonly name = 'inbound.inbox-processor';
  readonly filter: AllFilter = { eventTypes: [...ALL_INBOX_EVENT_TYPES] };
  private readonly recorder: DocumentRecorder;
  private readonly coalescer = new FetchCoalescer();

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly subscriptions: SubscriptionsService,
    private readonly connections: ConnectionsService,
    private readonly systems: SourceSystems,
    private readonly metrics: InboundMetrics,
    private readonly logger: PinoLogger,
  ) {
    this.recorder = new DocumentRecorder(store);
    this.logger.setContext('inbox-processor');
  }

  /**
   * Notices of one resource stay in order; different resources are fetched side by side
   * (the per-source throttles keep the APIs' limits).
   */
  onModuleInit(): void {
    this.subscriptions.register(this, {
      concurrency: 4,
      partitionKey: (event) => partitionOf(event.data as Partial<ChangeNotice>),
    });
  }

  async handle(event: RecordedEvent): Promise<void> {
    if (!isInboxStream(event.streamName)) return;
    const notice = event.data as ChangeNotice;
    if (!this.connections.get(notice.connection)) return this.count(notice, 'unknown_connection');
    const resource = resourceKey(notice);
    // A delete is recorded from the notice itself, never from a fetch, so no fetch answers it.
    const answered = notice.action !== 'delete' && this.coalescer.answered(resource, Date.parse(event.metadata.recordedAt));
    if (answered) return this.count(notice, 'coalesced', 'a later fetch of this resource already saw it');
    if (await this.alreadyRecorded(notice)) return this.count(notice, 'ignored', 'this version is already recorded');
    const startedAt = Date.now();
    const ctx: FetchContext = { notice, observedAt: new Date(startedAt).toISOString() };
    let outcome: FetchOutcome;
    try {
      outcome = await this.fetch(ctx);
    } catch (error) {
      if (error instanceof NormaliseError) this.logger.error({ connection: notice.connection, resource: notice.resource, id: notice.resourceId, reason: error.message }, 'could not normalise the fetched document');
      throw error;
    }
    if (outcome.kind === 'ignored') return this.count(notice, 'ignored', outcome.reason);
    const result = outcome.kind === 'gone'
      ? await this.recorder.recordGone(outcome.ref, outcome.at, event, ctx.observedAt, outcome.hubBaseline)
      : await this.recorder.record(outcome.observation, event, ctx.observedAt);
    if (outcome.kind !== 'gone') this.coalescer.fetched(resource, startedAt);
    this.report(notice, result);
  }

  /**
   * A poll announces every document changed since its cursor, most already recorded from
   * their webhooks. Its notice carries the version it saw (updated_at), so one stream read
   * replaces the fetch, and live webhooks do not queue behind a sweep's re-fetches.
   */
  private async alreadyRecorded(notice: ChangeNotice): Promise<boolean> {
    const type = notice.version ? this.systems.of(notice.source)?.polledDocument?.(notice) : undefined;
    if (!type || !notice.version) return false;
    const { previous } = await this.recorder.lastRecorded({ connection: notice.connection, source: notice.source, type, externalId: notice.resourceId });
    return previous !== undefined && previous.version >= notice.version;
  }

  private fetch(ctx: FetchContext): Promise<FetchOutcome> {
    const system = this.systems.of(ctx.notice.source);
    return system ? system.fetch(ctx) : Promise.resolve(ignored(`no ${ctx.notice.source} system is registered`));
  }

  private report(notice: ChangeNotice, result: RecordOutcome): void {
    if (!result.recorded) return this.count(notice, result.reason);
    this.metrics.documentsRecorded.inc({ source: notice.source, type: result.eventType });
    this.count(notice, 'recorded');
    this.logger.info({ connection: notice.connection, resource: notice.resource, id: notice.resourceId, eventType: result.eventType }, 'document event recorded');
  }

  private count(notice: ChangeNotice, outcome: string, reason?: string): void {
    this.metrics.inboxProcessed.inc({ source: notice.source, outcome });
    if (reason) this.logger.debug({ connection: notice.connection, resource: notice.resource, id: notice.resourceId, reason }, 'notice ignored');
  }
}
