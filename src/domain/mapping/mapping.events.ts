import type { CostCodeMapping, JobLink, MappingRule, MappingSettings } from './mapping.types.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/** Who changed the mapping and when (from the command), and the mapping's version after it. */
export interface MappingChange {
  /** Starts at 1 with the first import; +1 per change. */
  readonly version: number;
  readonly changedBy: string;
  readonly changedAt: string;
}

export type MappingImported = Msg<'MappingImported.v1', MappingChange & { mapping: CostCodeMapping }>;
export type MappingRuleUpserted = Msg<'MappingRuleUpserted.v1', MappingChange & { rule: MappingRule; replaced: MappingRule | null }>;
export type MappingRuleRemoved = Msg<'MappingRuleRemoved.v1', MappingChange & { rule: MappingRule }>;
export type MappingJobSet = Msg<'MappingJobSet.v1', MappingChange & { projectId: string; job: JobLink; previous: JobLink | null }>;
export type MappingSettingsChanged = Msg<'MappingSettingsChanged.v1', MappingChange & { settings: MappingSettings; previous: MappingSettings }>;

/** A connection's mapping stream holds these; every one is a new version. */
export type MappingEvent = MappingImported | MappingRuleUpserted | MappingRuleRemoved | MappingJobSet | MappingSettingsChanged;

/** Who asks for the change and when: from the authenticated request, never a clock in the domain. */
export interface ChangeMetadata {
  readonly changedBy: string;
  readonly now: string;
}

type Command<T extends string, D> = Readonly<{ type: T; data: Readonly<D>; metadata: ChangeMetadata }>;

/**
 * Payloads people typed (the YAML file, a REST body) come in as plain data and are validated
 * by the decider, which refuses them with DomainError MAPPING_INVALID and the problem list.
 */
export type ImportMapping = Command<'ImportMapping', { document: unknown }>;
export type UpsertRule = Command<'UpsertRule', { rule: unknown }>;
/** A rule is named by its key: project (or null), cost code and cost type (or null). */
export type RemoveRule = Command<'RemoveRule', { projectId: string | null; costCode: string; costType: string | null }>;
export type SetJob = Command<'SetJob', { projectId: string; job: unknown }>;
export type ChangeSettings = Command<'ChangeSettings', { settings: unknown }>;

export type MappingCommand = ImportMapping | UpsertRule | RemoveRule | SetJob | ChangeSettings;
