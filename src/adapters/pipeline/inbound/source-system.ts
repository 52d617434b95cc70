import { Injectable } from '@nestjs/common';
import type { DocumentType } from '../../../domain/documents/document-ref.js';
import type { ConnectionConfig } from '../../../platform/config/connection.types.js';
import type { ChangeNotice, InboxSource } from './inbox/inbox-events.js';
import type { ResourcePoll } from './polling/poll-types.js';
import type { FetchContext, FetchOutcome } from './processing/observation.js';

/**
 * One external system as the inbound pipeline sees it. Each system's folder provides one
 * (`src/adapters/<system>/inbound/*-source.ts`) and registers it when its module starts, so the
 * pipeline (inbox processor, poller) names no vendor and adding a system is one folder.
 */
export interface SourceSystem {
  readonly source: InboxSource;
  /** This system is one side of the connection (its construction side or its books). */
  serves(connection: ConnectionConfig): boolean;
  /** Reads the document a notice names and normalises it. */
  fetch(ctx: FetchContext): Promise<FetchOutcome>;
  /** The lists (or change feeds) swept on every poll of the connection. */
  polls(connection: ConnectionConfig): Promise<readonly ResourcePoll[]>;
  /** A polled notice's document, when the version it carries tells alone whether it is recorded. */
  polledDocument?(notice: ChangeNotice): DocumentType | undefined;
}

/** The registered systems, by the source name their notices carry. */
@Injectable()
export class SourceSystems {
  private readonly bySource = new Map<InboxSource, SourceSystem>();

  register(system: SourceSystem): void {
    this.bySource.set(system.source, system);
  }

  of(source: InboxSource): SourceSystem | undefined {
    return this.bySource.get(source);
  }

  serving(connection: ConnectionConfig): SourceSystem[] {
    return [...this.bySource.values()].filter((system) => system.serves(connection));
  }
}
