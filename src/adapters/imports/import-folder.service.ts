import { mkdir } from 'node:fs/promises';
import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { ImportFolderWatcher } from './import-folder.js';
import { ImportsService } from './imports.service.js';
import { IMPORTS_OPTIONS, type ImportsOptions } from './imports.tokens.js';

/** Runs the connections' watched import folders (`importFolder`): one scan at a time, every `folderPollMs`. */
@Injectable()
export class ImportFolderService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly watcher: ImportFolderWatcher;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(imports: ImportsService, @Inject(IMPORTS_OPTIONS) private readonly options: ImportsOptions, @Optional() private readonly logger?: PinoLogger) {
    const folders = options.connections.flatMap((c) => (c.importFolder ? [{ connection: c.name, path: c.importFolder }] : []));
    this.watcher = new ImportFolderWatcher(imports, folders, options.now, (file, error) => this.logger?.warn({ file, err: error }, 'import folder: file left for the next scan'));
  }

  async onApplicationBootstrap(): Promise<void> {
    const folders = this.options.connections.flatMap((c) => c.importFolder ?? []);
    if (folders.length === 0) return;
    for (const folder of folders) await mkdir(folder, { recursive: true });
    this.timer = setInterval(() => {
      // A scan that fails as a whole (the folder unreadable) is logged and the next one runs: never an unhandled rejection.
      this.running = this.running.then(() => this.scan()).catch((error: unknown) => this.logger?.error({ err: error }, 'import folder: scan failed'));
    }, this.options.folderPollMs ?? 5000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async scan(): Promise<void> {
    const results = await this.watcher.scan();
    for (const r of results) this.logger?.info({ file: r.file, outcome: r.outcome }, r.detail);
  }
}
