import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import { CHART_OF_ACCOUNTS, noChartSource, type ChartOfAccountsSource } from './chart-of-accounts.js';
import { MappingAdmin } from './mapping-admin.service.js';
import { MappingHttpSetup } from './mapping-http.js';
import { MappingService } from './mapping.service.js';
import { RemapAdmin } from './remap-admin.service.js';
import { MAPPING_OPTIONS, type MappingConnection, type MappingSettingsOptions } from './mapping.tokens.js';

/** A chart source built by Nest from other providers, e.g. over the books ports (chartFromBooksPorts). */
export type ChartSourceFactory = Omit<FactoryProvider<ChartOfAccountsSource>, 'provide'> & { readonly imports?: ModuleMetadata['imports'] };

export interface MappingModuleOptions {
  /** The configured connections (TrestleConfig.connections): names and initial mapping files. */
  readonly connections: readonly MappingConnection[];
  /** The live chart for `mapping check` and the document's names; without one, checks answer 503. */
  readonly chart?: ChartOfAccountsSource | ChartSourceFactory;
  readonly baseDir?: string;
  /** The adapter clock (changedAt); default the system clock. */
  readonly now?: () => Date;
}

const isFactory = (chart: MappingModuleOptions['chart']): chart is ChartSourceFactory =>
  typeof chart === 'object' && chart !== null && 'useFactory' in chart;

/**
 * The mapping's adapter side: MappingService (state per connection, boot import of mapping
 * files), the admin REST routes and YAML bodies. Compose it into createHub's features next to
 * AuthModule, e.g.
 *   MappingModule.forRoot({ connections: config.connections, chart: chartFromBooksPorts })
 */
@Module({})
export class MappingModule {
  static forRoot(options: MappingModuleOptions): DynamicModule {
    const settings: MappingSettingsOptions = {
      connections: options.connections, now: options.now ?? (() => new Date()), ...(options.baseDir ? { baseDir: options.baseDir } : {}),
    };
    const chart = options.chart ?? noChartSource;
    return {
      module: MappingModule,
      // One instance for the whole hub: sagas, posting and the API all use its providers.
      global: true,
      imports: isFactory(chart) ? [...(chart.imports ?? [])] : [],
      providers: [
        { provide: MAPPING_OPTIONS, useValue: settings },
        isFactory(chart) ? { provide: CHART_OF_ACCOUNTS, useFactory: chart.useFactory, inject: chart.inject ?? [] } : { provide: CHART_OF_ACCOUNTS, useValue: chart },
        MappingService,
        MappingAdmin,
        RemapAdmin,
        MappingHttpSetup,
      ],
      exports: [MappingService, MappingAdmin, RemapAdmin, CHART_OF_ACCOUNTS],
    };
  }
}
