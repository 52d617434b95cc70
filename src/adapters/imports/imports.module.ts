import { Module, type DynamicModule } from '@nestjs/common';
import { ImportFolderService } from './import-folder.service.js';
import { ImportsHttpSetup } from './imports-http.js';
import { ImportsService } from './imports.service.js';
import { IMPORTS_OPTIONS, type ImportsOptions } from './imports.tokens.js';

/** File imports as a source: the intake, the connections' column maps and multipart uploads. */
@Module({})
export class ImportsModule {
  static forRoot(options: Omit<ImportsOptions, 'now'> & { readonly now?: () => Date }): DynamicModule {
    return {
      module: ImportsModule,
      global: true,
      providers: [{ provide: IMPORTS_OPTIONS, useValue: { ...options, now: options.now ?? (() => new Date()) } }, ImportsService, ImportsHttpSetup, ImportFolderService],
      exports: [ImportsService, ImportFolderService],
    };
  }
}
