import type { CostLine, SubcontractorInvoiceSnapshot } from '../documents/snapshots.js';
import { costCodeLabel } from '../mapping/cost-code.js';
import type { CostCodeMapping, JobLink, MappingRule } from '../mapping/mapping.types.js';
import { jobFor } from '../mapping/mapping.types.js';
import { resolveMapping } from '../mapping/resolve-mapping.js';
import type { UnmappedCostCode } from '../posting/sync-facts.js';

export interface MappedLine {
  readonly line: CostLine;
  readonly rule: MappingRule;
}

/** Every line with its winning rule, or the cost codes with none (each once, with its lines). */
export interface LineMapping {
  readonly mapped: readonly MappedLine[];
  readonly unmapped: readonly UnmappedCostCode[];
  readonly job: JobLink | null;
}

const collectUnmapped = (lines: readonly CostLine[]): UnmappedCostCode[] => {
  const byCode = new Map<string, UnmappedCostCode>();
  for (const line of lines) {
    const key = costCodeLabel(line.costCode, line.costType);
    const seen = byCode.get(key);
    byCode.set(key, { costCode: line.costCode, costType: line.costType, lineIds: [...(seen?.lineIds ?? []), line.lineId] });
  }
  return [...byCode.values()];
};

export const mapInvoiceLines = (invoice: SubcontractorInvoiceSnapshot, mapping: CostCodeMapping | null): LineMapping => {
  if (mapping === null) return { mapped: [], unmapped: collectUnmapped(invoice.lines), job: null };
  const mapped: MappedLine[] = [];
  const missing: CostLine[] = [];
  for (const line of invoice.lines) {
    const resolved = resolveMapping(mapping, { projectId: invoice.projectId, costCode: line.costCode, costType: line.costType });
    if (resolved.kind === 'mapped') mapped.push({ line, rule: resolved.rule });
    else missing.push(line);
  }
  return { mapped, unmapped: collectUnmapped(missing), job: jobFor(mapping, invoice.projectId) ?? null };
};

/** Names every cost code (and type) without a rule and a project without a Customer:Job, so one fix covers all. */
export const mappingMissingMessage = (invoice: SubcontractorInvoiceSnapshot, result: LineMapping, mappingImported: boolean): string => {
  const codes = result.unmapped.map((u) => (u.costType === null ? `${u.costCode} (no cost type)` : costCodeLabel(u.costCode, u.costType)));
  const parts = [
    ...(mappingImported ? [] : ['no mapping has been imported for this connection']),
    ...(codes.length === 0 ? [] : [`no mapping rule for cost code${codes.length > 1 ? 's' : ''} ${codes.join(', ')} in project ${invoice.projectId}`]),
    ...(result.job === null ? [`no Customer:Job for project ${invoice.projectId}`] : []),
  ];
  return `Invoice ${invoice.invoiceNumber ?? invoice.number} can't post: ${parts.join('; ')}.`;
};
