import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { ConnectionConfig } from '../../../../platform/config/connection.types.js';
import { ApiCallError } from '../../../../platform/http/api-result.js';
import { ConnectionsService } from '../connections.service.js';
import type { InboxSource } from '../inbox/inbox-events.js';
import { InboxWriter } from '../inbox/inbox-writer.js';
import { InboundMetrics } from '../inbound-metrics.js';
import { INBOUND_OPTIONS, type InboundOptions } from '../inbound-options.js';
import { PollCursors } from '../state/inbound-tables.js';
import { SourceSystems } from '../source-system.js';
import type { ResourcePoll } from './poll-types.js';

/** Changes this close to "now" are swept again next time: the source's clock may run behind ours. */
const OVERLAP_MS = 60_000;
/** The window reaches past our "now" by this much, for a source clock running ahead. */
const AHEAD_MS = 5 * 60_000;

export interface PollReport {
  readonly connection: string;
  /** Notices newly written to the inbox, per source. */
  readonly written: Readonly<Record<InboxSource, number>>;
  readonly errors: readonly string[];
}

/**
 * The reconciliation poll, per connection every `polling.intervalSeconds`: webhooks get
 * lost (Procore discards after 12 h, Intuit may drop), so each followed list is swept
 * from a durable cursor and every change found goes into the same inbox, with ids derived
 * from resource and version, where the webhook's change and the poll's meet and dedupe.
 */
@Injectable()
export class Poller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<PollReport>>();
  private stopped = false;

  constructor(
    private readonly connections: ConnectionsService,
    private readonly systems: SourceSystems,
    private readonly inbox: InboxWriter,
    private readonly cursors: PollCursors,
    private readonly metrics: InboundMetrics,
    private readonly logger: PinoLogger,
    @Inject(INBOUND_OPTIONS) private readonly options: InboundOptions,
  ) {
    this.logger.setContext('poller');
  }

  onApplicationBootstrap(): void {
    if (this.options.polling === false) return;
    for (const connection of this.connections.all()) this.schedule(connection, this.options.firstPollDelayMs ?? 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.allSettled(this.running.values());
  }

  /** One poll of one connection now (after any poll of it already running). */
  pollNow(connectionName: string): Promise<PollReport> {
    const connection = this.connections.get(connectionName);
    if (!connection) return Promise.reject(new Error(`unknown connection ${connectionName}`));
    const previous = this.running.get(connectionName) ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.cycle(connection));
    this.running.set(connectionName, next);
    return next.finally(() => { if (this.running.get(connectionName) === next) this.running.delete(connectionName); });
  }

  private schedule(connection: ConnectionConfig, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      void this.pollNow(connection.name).catch(() => undefined).finally(() => this.schedule(connection, connection.polling.intervalSeconds * 1000));
    }, delayMs);
    timer.unref();
    this.timers.set(connection.name, timer);
  }

  private async cycle(connection: ConnectionConfig): Promise<PollReport> {
    const errors: string[] = [];
    const written: Record<InboxSource, number> = { procore: 0, quickbooks: 0, xero: 0, qbd: 0 };
    const systems = this.systems.serving(connection);
    for (const system of systems) {
      const source = system.source;
      try {
        for (const poll of await system.polls(connection)) written[source] += await this.runOne(connection.name, source, poll, errors);
      } catch (error) {
        errors.push(`${source}: ${(error as Error).message}`);
      }
    }
    for (const { source } of systems) this.metrics.polls.inc({ source, outcome: errors.some((e) => e.startsWith(source)) ? 'failed' : 'ok' });
    if (errors.length > 0) this.logger.warn({ connection: connection.name, errors }, 'poll finished with errors');
    return { connection: connection.name, written, errors };
  }

  /** Sweeps one resource; its cursor moves only after every notice found is in the inbox. */
  private async runOne(connection: string, source: InboxSource, poll: ResourcePoll, errors: string[]): Promise<number> {
    const now = Date.now();
    try {
      const since = await this.cursors.get(connection, source, poll.key);
      const result = await poll.run({ since, until: new Date(now + AHEAD_MS) });
      const { written } = await this.inbox.append(result.notices, 'poll');
      await this.cursors.set(connection, source, poll.key, result.resumeAt ?? new Date(now - OVERLAP_MS));
      return written;
    } catch (error) {
      const reason = error instanceof ApiCallError ? `${error.error.kind}: ${error.error.message}` : (error as Error).message;
      errors.push(`${source} ${poll.key}: ${reason}`);
      return 0;
    }
  }
}
