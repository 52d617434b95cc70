import { Inject, Injectable } from '@nestjs/common';
import type { MappingRemapApplied } from '../../domain/invoice-sync/index.js';
import { checkRemapChanges, mappingAfterChanges, parseRemapChanges, remapCommands } from '../../domain/mapping/preview-changes.js';
import { previewRemap, type RemapPreview } from '../../domain/remap/preview-remap.js';
import type { MappingRule } from '../../domain/mapping/index.js';
import { deterministicEventId, type EventStore } from '../../eventstore/index.js';
import { EVENT_STORE } from '../../platform/tokens.js';
import { CHART_OF_ACCOUNTS, type ChartOfAccountsSource } from './chart-of-accounts.js';
import { readCostCodesInUse } from './cost-codes-in-use.js';
import { chartOr503, documentOfBody, httpErrorOf, invalidMapping, problem } from './mapping-http.js';
import { MappingService } from './mapping.service.js';
import { MAPPING_OPTIONS, refSyntaxFor, type MappingSettingsOptions } from './mapping.tokens.js';
import { readRemapDocuments } from './remap-history.js';
import { remapPreviewView, type RemapPreviewView } from './remap-views.js';

export type PostedChoice = MappingRemapApplied['data']['posted'];

export interface RemapApplied {
  readonly connection: string;
  /** The mapping version the changes made; unchanged (and nothing recorded) when they changed nothing. */
  readonly version: number;
  readonly changed: boolean;
  readonly posted: PostedChoice;
  /** The posted documents rewritten ("update") or left as they are ("leave"). */
  readonly documents: readonly { readonly document: unknown; readonly version: string; readonly label: string }[];
  readonly preview: RemapPreviewView;
}

/** Where a remap's record lives: one stream per mapping version it made. */
export const remapStream = (connection: string, version: number): string => `${connection}.remap-v${version}`;

const postedOf = (body: unknown): PostedChoice => {
  const posted = typeof body === 'object' && body !== null ? (body as { posted?: unknown }).posted : undefined;
  if (posted === 'update' || posted === 'leave') return posted;
  throw invalidMapping([{ path: 'posted', message: 'say what happens to documents already posted: "update" (rewritten through the sagas) or "leave" (left as they are)' }]);
};

/** Remap preview and apply: the mapping adapter's I/O around the pure preview (src/domain/remap/preview-*). */
@Injectable()
export class RemapAdmin {
  constructor(
    private readonly mappings: MappingService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHART_OF_ACCOUNTS) private readonly chart: ChartOfAccountsSource,
    @Inject(MAPPING_OPTIONS) private readonly options: MappingSettingsOptions,
  ) {}

  async preview(connection: string, body: unknown): Promise<RemapPreviewView> {
    const { preview, version } = await this.previewOf(connection, body, 'preview');
    return remapPreviewView(connection, version, preview);
  }

  /**
   * Records the changes as new mapping versions, then one MappingRemapApplied.v1 naming the
   * posted documents that change and the choice: "update" sends it to their sagas, which
   * rewrite them; "leave" is routed to no saga, so those documents stay as they were posted.
   */
  async apply(connection: string, body: unknown, changedBy: string): Promise<RemapApplied> {
    this.known(connection);
    const document = documentOfBody(body);
    const posted = postedOf(document);
    const { preview, version: fromVersion, rules, now } = await this.previewOf(connection, document, changedBy);
    const outcome = await this.execute(connection, rules, changedBy, now);
    // Only documents whose saga rewrites on a remap are named: the others stay as posted whatever the choice.
    // One with a request out is named too: its saga redoes the remap once that request lands.
    const touched = preview.changedDocuments.filter((d) => d.rewrittenOnUpdate && (d.posted || d.requestOut));
    const documents = touched.map((d) => ({ document: d.document, version: d.version, sagaStream: d.sagaStream }));
    if (outcome.changed) {
      const data: MappingRemapApplied['data'] = { version: outcome.version, posted, changedBy, changedAt: now, documents };
      const stream = remapStream(connection, outcome.version);
      const metadata = { connection, source: 'hub', fromVersion };
      await this.store.append(stream, [{ id: deterministicEventId(stream, 'MappingRemapApplied.v1'), type: 'MappingRemapApplied.v1', data, metadata }], 'any');
    }
    return {
      connection, version: outcome.version, changed: outcome.changed, posted,
      documents: outcome.changed ? touched.map((d) => ({ document: d.document, version: d.version, label: d.label })) : [],
      preview: remapPreviewView(connection, fromVersion, preview),
    };
  }

  private async previewOf(connection: string, body: unknown, changedBy: string): Promise<{ preview: RemapPreview; version: number; rules: readonly MappingRule[]; now: string }> {
    this.known(connection);
    const { state } = this.mappings.state(connection);
    if (state.status !== 'Active') throw problem(409, 'mapping-not-imported', 'Conflict', `connection ${connection} has no mapping yet: import one first`);
    const parsed = parseRemapChanges(documentOfBody(body), refSyntaxFor(this.options, connection));
    if (!parsed.ok) throw invalidMapping(parsed.problems);
    const [inUse, chart, documents] = await Promise.all([readCostCodesInUse(this.store, connection), chartOr503(this.chart, connection, 'the changes could not be checked against the books'), readRemapDocuments(this.store, connection)]);
    const problems = checkRemapChanges(parsed.rules, inUse, chart);
    if (problems.length > 0) throw invalidMapping(problems);
    const now = this.options.now().toISOString();
    let after;
    try {
      after = mappingAfterChanges(state, parsed.rules, { changedBy, now }, refSyntaxFor(this.options, connection));
    } catch (error) {
      throw httpErrorOf(error);
    }
    return { preview: previewRemap(documents, state.mapping, after ?? state.mapping), version: state.version, rules: parsed.rules, now };
  }

  private known(connection: string): void {
    if (!this.mappings.has(connection)) throw problem(404, 'unknown-connection', 'Not Found', `no connection named ${connection}`);
  }

  private async execute(connection: string, rules: readonly MappingRule[], changedBy: string, now: string): Promise<{ changed: boolean; version: number }> {
    let changed = false;
    try {
      for (const command of remapCommands(rules, { changedBy, now })) changed = (await this.mappings.execute(connection, command)).changed || changed;
    } catch (error) {
      throw httpErrorOf(error);
    }
    return { changed, version: this.mappings.version(connection) };
  }
}
