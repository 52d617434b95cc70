import { costCodeLabel } from '../mapping/cost-code.js';
import { hoursAndMinutes } from '../timecards/hours.js';
import { labourCost } from '../timecards/labour-cost.js';
import type { TimecardDoc } from '../timecards/timecard.state.js';
import { ZERO } from '../shared/money.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import { jobFor } from '../mapping/mapping.types.js';
import { resolveMapping } from '../mapping/resolve-mapping.js';
import type { DraftedPosting, PostingLine } from './preview-postings.js';

/**
 * The TimeActivity as the timecard saga drafts it: the entry on its cost code's service item
 * and class, costed at the hourly rate the saga last used (a remap moves where time posts, not
 * what it costs; an entry never costed counts 0). A rule to an account, or none, leaves it
 * unmapped: a TimeActivity needs a service item, and the saga would park the entry.
 */
export const draftTimecard = (doc: TimecardDoc, costRate: string | null, mapping: CostCodeMapping): DraftedPosting => {
  const { projectId, costCode, costType, employeeName, date, hours, billable } = doc.snapshot;
  const duration = hoursAndMinutes(hours);
  const amount = duration === null || costRate === null ? ZERO : labourCost(duration, costRate);
  const resolved = resolveMapping(mapping, { projectId, costCode, costType });
  const target = resolved.kind === 'mapped' && resolved.rule.target.kind === 'item' ? { kind: 'item' as const, ref: resolved.rule.target.itemRef } : null;
  const line: PostingLine = {
    lineId: doc.ref.externalId, costCode, costType, description: `${employeeName} ${date} ${hours} h on ${costCodeLabel(costCode, costType)}`,
    amount, cost: amount, target: target ?? { kind: 'unmapped' }, classRef: target && resolved.kind === 'mapped' ? resolved.rule.classRef : null, billable,
  };
  return { entity: 'TimeActivity', lines: [line], wouldPark: target === null || jobFor(mapping, projectId) === undefined };
};
