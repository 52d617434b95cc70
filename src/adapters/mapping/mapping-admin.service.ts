import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import {
  checkMappingAgainstChart, classTrackingWarnings, parseMappingDocument, renderMappingDocument, type BooksChart, type MappingCommand,
} from '../../domain/mapping/index.js';
import type { EventStore } from '../../eventstore/index.js';
import { EVENT_STORE } from '../../platform/tokens.js';
import { CHART_OF_ACCOUNTS, type ChartOfAccountsSource } from './chart-of-accounts.js';
import { readCostCodesInUse } from './cost-codes-in-use.js';
import { chartOr503, documentOfBody, httpErrorOf, invalidMapping, problem } from './mapping-http.js';
import { historyEntry, mappingView, type CheckResult, type HistoryEntry, type MappingChangeView, type MappingView } from './mapping-views.js';
import { MappingService } from './mapping.service.js';
import { MAPPING_OPTIONS, refSyntaxFor, type MappingSettingsOptions } from './mapping.tokens.js';

export type DocumentFormat = 'markdown' | 'csv';

/** The rule a DELETE names: cost code, and cost type and project when the rule has them. */
export interface RuleKeyQuery {
  readonly costCode?: string;
  readonly costType?: string;
  readonly projectId?: string;
}

const blankToNull = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value.trim());

/** What the mapping routes do, so the controller only routes (STYLE rule 12). */
@Injectable()
export class MappingAdmin {
  constructor(
    private readonly mappings: MappingService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHART_OF_ACCOUNTS) private readonly chart: ChartOfAccountsSource,
    @Inject(MAPPING_OPTIONS) private readonly options: MappingSettingsOptions,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('mapping');
  }

  list(): Array<{ connection: string; version: number }> {
    return this.mappings.connections().map((connection) => ({ connection, version: this.mappings.version(connection) }));
  }

  view(connection: string): MappingView {
    const { state, changedAt } = this.mappings.state(this.known(connection));
    const view = mappingView(connection, state, changedAt);
    if (!view) throw problem(404, 'mapping-not-imported', 'Not Found', `connection ${connection} has no mapping yet: PUT one, or set its mappingFile`);
    return view;
  }

  async history(connection: string): Promise<HistoryEntry[]> {
    return (await this.mappings.history(this.known(connection))).map(historyEntry);
  }

  replace(connection: string, body: unknown, changedBy: string): Promise<MappingChangeView> {
    return this.change(connection, (metadata) => ({ type: 'ImportMapping', data: { document: documentOfBody(body) }, metadata }), changedBy);
  }

  upsertRule(connection: string, body: unknown, changedBy: string): Promise<MappingChangeView> {
    return this.change(connection, (metadata) => ({ type: 'UpsertRule', data: { rule: documentOfBody(body) }, metadata }), changedBy);
  }

  removeRule(connection: string, key: RuleKeyQuery, changedBy: string): Promise<MappingChangeView> {
    const costCode = blankToNull(key.costCode);
    if (costCode === null) throw invalidMapping([{ path: 'costCode', message: 'name the rule to remove: costCode (and costType, projectId when the rule has them)' }]);
    const data = { costCode, costType: blankToNull(key.costType), projectId: blankToNull(key.projectId) };
    return this.change(connection, (metadata) => ({ type: 'RemoveRule', data, metadata }), changedBy);
  }

  /** The bookkeeper's document over the cost codes in use; names from the chart when it can be read. */
  async document(connection: string, format: DocumentFormat): Promise<{ body: string; version: number }> {
    const { state } = this.mappings.state(this.known(connection));
    if (state.status !== 'Active') throw problem(404, 'mapping-not-imported', 'Not Found', `connection ${connection} has no mapping yet`);
    const { mapping, version } = state;
    const [inUse, chart] = await Promise.all([readCostCodesInUse(this.store, connection), this.chartOrNothing(connection)]);
    const files = renderMappingDocument(mapping, inUse, chart);
    return { body: format === 'csv' ? files.csv : files.markdown, version };
  }

  /** Structure first; only a well-formed mapping is looked up in the live chart and against the cost codes in use. */
  async check(connection: string, body: unknown): Promise<CheckResult> {
    this.known(connection);
    const document = documentOfBody(body);
    const parsed = parseMappingDocument(document, refSyntaxFor(this.options, connection));
    if (!parsed.ok) return { connection, ok: false, problems: parsed.problems, warnings: [], checkedAgainstChart: false, costCodesInUse: 0 };
    const [inUse, chart] = await Promise.all([readCostCodesInUse(this.store, connection), this.loadChart(connection)]);
    const problems = checkMappingAgainstChart(parsed.mapping, chart, inUse);
    const warnings = classTrackingWarnings(parsed.mapping, chart);
    return { connection, ok: problems.length === 0, problems, warnings, checkedAgainstChart: true, costCodesInUse: inUse.length };
  }

  private known(connection: string): string {
    if (!this.mappings.has(connection)) throw problem(404, 'unknown-connection', 'Not Found', `no connection named ${connection}`);
    return connection;
  }

  private async change(
    connection: string, command: (metadata: MappingCommand['metadata']) => MappingCommand, changedBy: string,
  ): Promise<MappingChangeView> {
    this.known(connection);
    const metadata = { changedBy, now: this.options.now().toISOString() };
    try {
      const outcome = await this.mappings.execute(connection, command(metadata));
      return { ...this.view(connection), changed: outcome.changed };
    } catch (error) {
      throw httpErrorOf(error);
    }
  }

  private loadChart(connection: string): Promise<BooksChart> {
    return chartOr503(this.chart, connection, 'nothing was checked against the books');
  }

  private async chartOrNothing(connection: string): Promise<BooksChart | undefined> {
    try {
      return await this.chart.load(connection);
    } catch (error) {
      // The document still reads well without the books' names: refs show their ids.
      this.logger.warn({ connection, err: error }, 'mapping document rendered without the chart');
      return undefined;
    }
  }
}
