import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import {
  currentMapping, decideMapping, sameMapping, type CostCodeMapping, type MappingCommand, type MappingState,
} from '../../domain/mapping/index.js';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '../../eventstore/index.js';
import { EVENT_STORE } from '../../platform/tokens.js';
import { readMappingFile } from './mapping-file.js';
import { emptyLedger, foldLedger, isMappingEvent, mappingEventData, mappingStream, type ChangeOrigin, type MappingLedger } from './mapping-stream.js';
import { MAPPING_OPTIONS, refSyntaxFor, type MappingSettingsOptions } from './mapping.tokens.js';

export type MappingListener = (connection: string, version: number, changedAt: string) => void;

export interface MappingOutcome {
  /** False when the command changed nothing (same file, same rule, absent rule): no event. */
  readonly changed: boolean;
  readonly version: number;
}

const MAX_ATTEMPTS = 3;

const versionOf = (state: MappingState): number => (state.status === 'Active' ? state.version : 0);
const nextRevision = (ledger: MappingLedger): number => (ledger.revision === undefined ? 0 : ledger.revision + 1);

/**
 * The mapping in force per connection, kept in memory for the saga runner's context and
 * rebuilt from `{connection}.mapping` at start. Every change goes through `execute`, one at a
 * time per connection, guarded by the stream revision (another hub process may write too).
 */
@Injectable()
export class MappingService implements OnModuleInit {
  private readonly ledgers = new Map<string, MappingLedger>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<MappingListener>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MAPPING_OPTIONS) private readonly options: MappingSettingsOptions,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('mapping');
    for (const connection of options.connections) this.ledgers.set(connection.name, emptyLedger);
  }

  /** Rebuilds each connection's mapping, then imports its file if the file changed since its last import. */
  async onModuleInit(): Promise<void> {
    for (const connection of this.options.connections) {
      await this.refresh(connection.name);
      if (connection.mappingFile) await this.importFile(connection.name, connection.mappingFile);
    }
  }

  connections(): string[] {
    return [...this.ledgers.keys()];
  }

  has(connection: string): boolean {
    return this.ledgers.has(connection);
  }

  /** The mapping in force (null before the first import): what the invoice saga maps lines with. */
  current(connection: string): CostCodeMapping | null {
    return currentMapping(this.ledger(connection).state);
  }

  state(connection: string): { readonly state: MappingState; readonly changedAt: string | null } {
    const { state, changedAt } = this.ledger(connection);
    return { state, changedAt };
  }

  version(connection: string): number {
    return versionOf(this.ledger(connection).state);
  }

  /** Called after each new version is known here, with the connection and the version. Returns an unsubscribe. */
  onChanged(listener: MappingListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Decides and records one change; a DomainError (MAPPING_INVALID, MAPPING_NOT_IMPORTED) reaches the caller. */
  execute(connection: string, command: MappingCommand, origin: ChangeOrigin = { kind: 'api' }): Promise<MappingOutcome> {
    this.ledger(connection);
    const previous = this.queues.get(connection) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.decideAndAppend(connection, command, origin));
    this.queues.set(connection, next);
    return next;
  }

  /** The mapping events of the connection, oldest first (read from the store: the record of who changed what). */
  async history(connection: string): Promise<RecordedEvent[]> {
    this.ledger(connection);
    return (await this.store.readStream(mappingStream(connection))).filter(isMappingEvent);
  }

  /** Catches up with the stream (changes another process made), notifying listeners of new versions. */
  async refresh(connection: string): Promise<MappingLedger> {
    const before = this.ledger(connection);
    const events = await this.store.readStream(mappingStream(connection), { fromRevision: nextRevision(before) });
    // Another refresh may have moved on while this one read: fold only what is still new.
    const latest = this.ledger(connection);
    const after = foldLedger(latest, events.filter((e) => e.revision >= nextRevision(latest)));
    this.ledgers.set(connection, after);
    const version = versionOf(after.state);
    if (version > versionOf(latest.state)) this.notify(connection, version, after.changedAt ?? '');
    return after;
  }

  private ledger(connection: string): MappingLedger {
    const ledger = this.ledgers.get(connection);
    if (!ledger) throw new Error(`connection ${connection} is not configured`);
    return ledger;
  }

  private async decideAndAppend(connection: string, command: MappingCommand, origin: ChangeOrigin, attempt = 1): Promise<MappingOutcome> {
    const ledger = this.ledger(connection);
    const events = decideMapping(command, ledger.state, refSyntaxFor(this.options, connection));
    if (events.length === 0) return { changed: false, version: this.version(connection) };
    try {
      await this.store.append(mappingStream(connection), mappingEventData(connection, events, origin), ledger.revision ?? 'no_stream');
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      await this.refresh(connection);
      return this.decideAndAppend(connection, command, origin, attempt + 1);
    }
    await this.refresh(connection);
    return { changed: true, version: this.version(connection) };
  }

  private async importFile(connection: string, file: string): Promise<void> {
    const read = await readMappingFile(connection, file, this.options.baseDir, refSyntaxFor(this.options, connection));
    const { lastFileImport } = this.ledger(connection);
    // Changes made over the API since the last import of an unchanged file must survive a restart.
    if (lastFileImport !== null && sameMapping(lastFileImport, read.mapping)) return;
    const command: MappingCommand = {
      type: 'ImportMapping', data: { document: read.document }, metadata: { changedBy: `file:${read.path}`, now: this.options.now().toISOString() },
    };
    const outcome = await this.execute(connection, command, { kind: 'file', file: read.path });
    this.logger.info({ connection, file: read.path, ...outcome }, outcome.changed ? 'mapping file imported' : 'mapping file already in force');
  }

  private notify(connection: string, version: number, changedAt: string): void {
    for (const listener of this.listeners) {
      try {
        listener(connection, version, changedAt);
      } catch (error) {
        // A listener is a convenience; the durable MappingChanged.v1 event is what sagas rely on.
        this.logger.error({ err: error, connection, version }, 'mapping change listener failed');
      }
    }
  }
}
