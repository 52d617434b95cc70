import { costCodeLabel } from '../mapping/cost-code.js';
import type { SalesLine } from '../owner-invoices/sales-lines.js';
import { itemLine, salesTargetFor } from '../owner-invoices/sales-lines.js';
import { formatMoney, sumBy, ZERO } from '../shared/money.js';
import { nextRequestNo } from '../shared/outbox.js';
import { hubMarkerOf } from '../posting/sync-facts.js';
import type { ChangeOrderContext } from './change-order.inputs.js';
import type { ChangeOrderOutput } from './change-order.outputs.js';
import type { ChangeOrderDoc, TrackingState } from './change-order.state.js';

type EstimateLinesResult = { readonly lines: SalesLine[] } | { readonly skip: string };

/** The change order's lines as Estimate lines; none once it is no longer approved. */
const estimateLines = (doc: ChangeOrderDoc, ctx: ChangeOrderContext & { billing: NonNullable<ChangeOrderContext['billing']> }): EstimateLinesResult => {
  if (doc.phase !== 'approved') return { lines: [] };
  const { projectId, number, title } = doc.snapshot;
  const negative = doc.snapshot.lines.find((l) => l.amount < 0);
  // A deductive change can't be a negative Estimate line (QBO 2290); the owner invoice still carries it.
  if (negative) return { skip: `${costCodeLabel(negative.costCode, negative.costType)} is ${formatMoney(negative.amount)}: an Estimate line can't be negative` };
  const lines = doc.snapshot.lines.filter((l) => l.amount !== 0).map((l) => {
    const target = salesTargetFor(ctx.mapping, { projectId, costCode: l.costCode, costType: l.costType }, ctx.billing.progressItemRef);
    return itemLine(`${number} ${title}: ${l.description}`.slice(0, 4000), l.amount, target, { costCode: l.costCode, costType: l.costType });
  });
  return { lines };
};

const skipped = (doc: ChangeOrderDoc, reason: string): ChangeOrderOutput[] =>
  [{ type: 'EstimateUpdateSkipped.v1', data: { document: doc.ref, version: doc.version, reason } }];

/**
 * A prime change order's billing step: put its lines in force on the prime contract's
 * Estimate (adding, adjusting, or on a void removing them), once per version handed over.
 */
export const nextEstimateStep = (s: TrackingState, ctx: ChangeOrderContext): ChangeOrderOutput[] => {
  const { doc, inForceVersion: version } = s;
  if (s.outbox.status !== 'ready' || doc.snapshot.kind !== 'prime' || version === null) return [];
  if (s.estimate?.version === version || s.estimateSkippedVersion === version) return [];
  if (ctx.estimate === null) return skipped(doc, `no Estimate in the books is linked to prime contract ${doc.snapshot.contractId}`);
  if (ctx.billing === null) return skipped(doc, 'the mapping sets no owner-billing items (settings.ownerBilling)');
  const result = estimateLines(doc, { ...ctx, billing: ctx.billing });
  if ('skip' in result) return skipped(doc, result.skip);
  const { estimateId } = ctx.estimate;
  const replaceLineIds = s.estimate?.estimateId === estimateId ? s.estimate.lineIds : [];
  const data = {
    requestNo: nextRequestNo(s.outbox), document: doc.ref, version, estimateId, replaceLineIds,
    lines: result.lines, total: sumBy(result.lines, (l) => (l.kind === 'item' ? l.amount : ZERO)), hubMarker: hubMarkerOf(doc.ref, version),
  };
  return [{ type: 'UpdateEstimateRequested.v1', data }];
};
