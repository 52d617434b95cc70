import { readFile } from 'node:fs/promises';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EventStore } from '../../eventstore/index.js';
import { ConfigError } from '../../platform/config/env.js';
import { EVENT_STORE } from '../../platform/tokens.js';
import { parseColumnMapFile, type ColumnMapFile } from './column-map-file.js';
import { ImportIntake, type ImportOutcome } from './import-intake.js';
import { NO_SETTINGS, type ImportKind, type ImportReading, type KindSettings } from './import-kind.js';
import { IMPORTS_OPTIONS, type ImportsOptions } from './imports.tokens.js';

/** An unknown connection or import kind: the caller names something the hub does not have. */
export class ImportTargetUnknownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportTargetUnknownError';
  }
}

export interface UploadedFile {
  readonly connection: string;
  readonly kind: string;
  readonly projectId: string;
  readonly fileName: string;
  readonly content: Buffer;
  readonly uploadedBy: string;
}

/** File imports for the configured connections, with each connection's column maps (read at boot). */
@Injectable()
export class ImportsService implements OnModuleInit {
  private readonly intake: ImportIntake;
  private readonly maps = new Map<string, ColumnMapFile>();

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(IMPORTS_OPTIONS) private readonly options: ImportsOptions) {
    this.intake = new ImportIntake(store);
  }

  /** A column map file that cannot be read or names unknown fields stops the hub, naming the connection and the path. */
  async onModuleInit(): Promise<void> {
    const problems: string[] = [];
    for (const c of this.options.connections) {
      if (!c.importColumnsFile) continue;
      let text: string;
      try {
        text = await readFile(c.importColumnsFile, 'utf8');
      } catch (error) {
        problems.push(`connections[${c.name}].importColumnsFile: cannot read ${c.importColumnsFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        continue;
      }
      const parsed = parseColumnMapFile(text, this.options.kinds);
      if (parsed.ok) this.maps.set(c.name, parsed.maps);
      else problems.push(...parsed.problems.map((p) => `connections[${c.name}].importColumnsFile (${c.importColumnsFile}): ${p}`));
    }
    if (problems.length > 0) throw new ConfigError(problems);
  }

  get kinds(): readonly ImportKind[] {
    return this.options.kinds;
  }

  async import(file: UploadedFile): Promise<ImportOutcome> {
    const { kind, settings } = this.target(file.connection, file.kind);
    return this.intake.import({ ...file, kind, settings, receivedAt: this.options.now().toISOString() });
  }

  async check(connection: string, kindName: string, projectId: string, content: Buffer): Promise<ImportReading> {
    const { kind, settings } = this.target(connection, kindName);
    return this.intake.check(kind, settings, projectId, content, this.options.now().toISOString());
  }

  /** Throws ImportTargetUnknownError for an unknown connection or kind: checked before a body is read. */
  target(connection: string, kindName: string): { kind: ImportKind; settings: KindSettings } {
    if (!this.options.connections.some((c) => c.name === connection)) throw new ImportTargetUnknownError(`no connection named ${connection}`);
    const kind = this.options.kinds.find((k) => k.kind === kindName);
    if (!kind) throw new ImportTargetUnknownError(`no import kind ${kindName} (known: ${this.options.kinds.map((k) => k.kind).join(', ')})`);
    return { kind, settings: this.maps.get(connection)?.[kind.kind] ?? NO_SETTINGS };
  }
}
