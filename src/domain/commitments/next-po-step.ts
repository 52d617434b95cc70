import { costCodeLabel } from '../mapping/cost-code.js';
import type { JobResolution } from '../mapping/job-ref.js';
import { resolveJob } from '../mapping/job-ref.js';
import type { CostCodeMapping, MappingRule } from '../mapping/mapping.types.js';
import { assertNever } from '../shared/assert-never.js';
import type { BooksRef } from '../shared/books-ref.js';
import { nextRequestNo } from '../shared/outbox.js';
import type { ParkReason } from '../shared/outbox.js';
import { sumBy } from '../shared/money.js';
import type { UnmappedCostCode } from '../posting/sync-facts.js';
import { hubMarkerOf } from '../posting/sync-facts.js';
import type { CommitmentPoContext } from './commitment-po.inputs.js';
import type { CommitmentPoOutput, PurchaseOrderDraft } from './commitment-po.outputs.js';
import type { CommitmentDoc, TrackingState } from './commitment-po.state.js';
import { changeOrdersReflected, desiredBasis } from './commitment-po.state.js';
import type { PoCell } from './purchase-order-lines.js';
import { mapCells, purchaseOrderCells, purchaseOrderLines } from './purchase-order-lines.js';

/** How people name the commitment in messages. */
export const commitmentLabel = (doc: CommitmentDoc): string => `Commitment ${doc.snapshot.number} (${doc.snapshot.vendorName})`;

const base = (s: TrackingState, doc: CommitmentDoc) => ({ requestNo: nextRequestNo(s.outbox), document: doc.ref, version: doc.version });

const park = (doc: CommitmentDoc, reasons: readonly ParkReason[], message: string): CommitmentPoOutput =>
  ({ type: 'DocumentSyncParked.v1', data: { document: doc.ref, version: doc.version, reasons, message } });

const mappingMissing = (doc: CommitmentDoc, unmapped: readonly UnmappedCostCode[], job: JobResolution, imported: boolean): CommitmentPoOutput[] => {
  const projectId = doc.snapshot.projectId;
  const codes = unmapped.map((u) => costCodeLabel(u.costCode, u.costType));
  const parts = [
    ...(imported ? [] : ['no mapping has been imported for this connection']),
    ...(codes.length === 0 ? [] : [`no mapping rule for cost code${codes.length > 1 ? 's' : ''} ${codes.join(', ')} in project ${projectId}`]),
    ...(job.kind === 'missing' ? [`no Customer:Job for project ${projectId}`] : []),
  ];
  const message = `${commitmentLabel(doc)} can't become a PurchaseOrder: ${parts.join('; ')}.`;
  const jobMissingFor = job.kind === 'missing' ? projectId : null;
  return [
    { type: 'DocumentMappingMissing.v1', data: { document: doc.ref, version: doc.version, costCodes: unmapped, jobMissingFor, message } },
    park(doc, ['mapping-missing'], message),
  ];
};

const draftOf = (s: TrackingState, doc: CommitmentDoc, cells: readonly (PoCell & { rule: MappingRule })[], mapping: CostCodeMapping, vendorRef: BooksRef, jobRef: BooksRef): PurchaseOrderDraft => {
  const existing = new Map((s.purchaseOrder?.lines ?? []).map((l) => [l.lineKey, l.lineId]));
  const lines = purchaseOrderLines(cells, mapping, jobRef, existing);
  // The marker names everything the lines reflect (the commitment's version and each change
  // order's), so after a crash the lookup finds this write, not an older PO without the change.
  const hubMarker = hubMarkerOf(doc.ref, desiredBasis(s).replaceAll(' ', '+'));
  return {
    vendorRef, txnDate: doc.approvedOn ?? doc.snapshot.updatedAt.slice(0, 10), docNumber: doc.snapshot.number, memo: doc.snapshot.title,
    privateNote: `${hubMarker} ${doc.ref.source === 'buildertrend' ? 'Buildertrend purchase order' : 'Procore commitment'} ${doc.snapshot.number}: ${doc.snapshot.title}`.slice(0, 4000), hubMarker,
    lines, total: sumBy(lines, (l) => l.amount), changeOrders: changeOrdersReflected(s), ...(s.remap === undefined ? {} : { remap: s.remap }),
  };
};

/** An approved commitment: map, resolve the vendor and the job, then post or update the PO. */
const writeStep = (s: TrackingState, doc: CommitmentDoc, ctx: CommitmentPoContext): CommitmentPoOutput[] => {
  if (s.purchaseOrder !== null && !s.purchaseOrder.closed && s.purchaseOrder.basis === desiredBasis(s)) return [];
  const projectId = doc.snapshot.projectId;
  const job = resolveJob(ctx.mapping, projectId, s.jobRef ?? ctx.jobLink);
  const cells = purchaseOrderCells(doc, s);
  if (ctx.mapping === null) return mappingMissing(doc, cells.map((c) => ({ costCode: c.costCode, costType: c.costType, lineIds: c.lineIds })), job, false);
  const mapped = mapCells(doc, cells, ctx.mapping);
  if (mapped.kind === 'invalid') return [park(doc, ['validation-failed'], `${commitmentLabel(doc)} can't become a PurchaseOrder: ${mapped.message}.`)];
  if (mapped.kind === 'unmapped' || job.kind === 'missing') return mappingMissing(doc, mapped.kind === 'unmapped' ? mapped.unmapped : [], job, true);
  const vendorRef = s.vendorRef ?? ctx.vendorLink;
  if (vendorRef === null) {
    const { vendorId, vendorName: displayName } = doc.snapshot;
    return [{ type: 'BooksVendorResolutionRequested.v1', data: { ...base(s, doc), vendorId, displayName, match: ctx.mapping.settings.vendorMatch } }];
  }
  if (job.kind === 'lookup') {
    return [{ type: 'BooksJobResolutionRequested.v1', data: { ...base(s, doc), projectId, parentCustomerRef: job.parentCustomerRef, jobName: job.jobName } }];
  }
  const draft = draftOf(s, doc, mapped.cells, ctx.mapping, vendorRef, job.customerRef);
  const po = s.purchaseOrder;
  return po === null
    ? [{ type: 'PostPurchaseOrderRequested.v1', data: { ...base(s, doc), ...draft } }]
    : [{ type: 'UpdatePurchaseOrderRequested.v1', data: { ...base(s, doc), ...draft, purchaseOrderId: po.purchaseOrderId, lastKnownSyncToken: po.syncToken } }];
};

/** A voided commitment closes its PO (see ClosePurchaseOrderRequested). */
const closeStep = (s: TrackingState, doc: CommitmentDoc): CommitmentPoOutput[] => {
  const po = s.purchaseOrder;
  if (po === null || po.closed) return [];
  const data = { ...base(s, doc), purchaseOrderId: po.purchaseOrderId, lastKnownSyncToken: po.syncToken, docNumber: po.docNumber, hubMarker: hubMarkerOf(doc.ref, doc.version) };
  return [{ type: 'ClosePurchaseOrderRequested.v1', data }];
};

/** The next request, or a park; nothing while a request is out, parked, or before approval. */
export const nextPurchaseOrderStep = (s: TrackingState, ctx: CommitmentPoContext): CommitmentPoOutput[] => {
  const doc = s.doc;
  if (s.outbox.status !== 'ready' || doc === null) return [];
  switch (doc.phase) {
    // Back in draft after approval: the PO stays as it was until approved again or voided.
    case 'open': return [];
    case 'approved': return writeStep(s, doc, ctx);
    case 'voided': return closeStep(s, doc);
    default: return assertNever(doc.phase);
  }
};
