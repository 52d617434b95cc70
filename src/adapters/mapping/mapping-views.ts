import {
  costCodeLabel, toMappingDocument, type MappingDocument, type MappingEvent, type MappingProblem, type MappingRule, type MappingState,
} from '../../domain/mapping/index.js';
import { refLabel } from '../../domain/shared/books-ref.js';
import { assertNever } from '../../domain/shared/assert-never.js';
import type { RecordedEvent } from '../../eventstore/index.js';

/** The mapping in force as the API shows it: the document people write, plus its version. */
export interface MappingView extends MappingDocument {
  readonly connection: string;
  readonly version: number;
  readonly changedAt: string | null;
}

export interface MappingChangeView extends MappingView {
  /** False when the request changed nothing (no new version, no event). */
  readonly changed: boolean;
}

/** One change in the mapping's history: who, when, what. */
export interface HistoryEntry {
  readonly version: number;
  readonly type: string;
  readonly changedBy: string;
  readonly changedAt: string;
  /** `file` (imported at boot from the connection's mapping file) or `api`. */
  readonly origin: string;
  readonly summary: string;
  readonly data: unknown;
}

export interface CheckResult {
  readonly connection: string;
  readonly ok: boolean;
  readonly problems: readonly MappingProblem[];
  /** Worth knowing, not failing the check (classes in books that track none). */
  readonly warnings: readonly MappingProblem[];
  /** False when the document's structure was already wrong: refs were not looked up. */
  readonly checkedAgainstChart: boolean;
  readonly costCodesInUse: number;
}

export const mappingView = (connection: string, state: MappingState, changedAt: string | null): MappingView | undefined =>
  state.status === 'Active' ? { connection, version: state.version, changedAt, ...toMappingDocument(state.mapping) } : undefined;

const ruleLabel = (rule: MappingRule): string =>
  `${costCodeLabel(rule.costCode, rule.costType)}${rule.projectId === null ? '' : ` in project ${rule.projectId}`}`;

const targetLabel = (rule: MappingRule): string =>
  rule.target.kind === 'account' ? `account ${refLabel(rule.target.accountRef)}` : `item ${refLabel(rule.target.itemRef)}`;

/** One line an auditor reads in the history. */
export const summarise = (event: MappingEvent): string => {
  switch (event.type) {
    case 'MappingImported.v1':
      return `imported the mapping: ${event.data.mapping.rules.length} rule(s), ${Object.keys(event.data.mapping.jobs).length} job(s)`;
    case 'MappingRuleUpserted.v1':
      return `${event.data.replaced === null ? 'added' : 'changed'} rule ${ruleLabel(event.data.rule)}: posts to ${targetLabel(event.data.rule)}`;
    case 'MappingRuleRemoved.v1':
      return `removed rule ${ruleLabel(event.data.rule)} (posted to ${targetLabel(event.data.rule)})`;
    case 'MappingJobSet.v1':
      return `set the Customer:Job of project ${event.data.projectId}`;
    case 'MappingSettingsChanged.v1':
      return 'changed the settings';
    default:
      return assertNever(event);
  }
};

export const historyEntry = (record: RecordedEvent): HistoryEntry => {
  const event = { type: record.type, data: record.data } as MappingEvent;
  return {
    version: event.data.version, type: event.type, changedBy: event.data.changedBy, changedAt: event.data.changedAt,
    origin: typeof record.metadata.origin === 'string' ? record.metadata.origin : 'api', summary: summarise(event), data: event.data,
  };
};
