import { costCodeLabel } from '../mapping/cost-code.js';
import type { JobResolution } from '../mapping/job-ref.js';
import { resolveJob } from '../mapping/job-ref.js';
import { SERVICE_ITEM_TIME, type TimeEntryNeeds } from '../books/books-vocabulary.js';
import { resolveMapping } from '../mapping/resolve-mapping.js';
import { assertNever } from '../shared/assert-never.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { ParkReason } from '../shared/outbox.js';
import { nextRequestNo } from '../shared/outbox.js';
import { hubMarkerOf } from '../posting/sync-facts.js';
import type { HoursAndMinutes } from './hours.js';
import { hoursAndMinutes } from './hours.js';
import { labourCost } from './labour-cost.js';
import { labourRateFor } from './labour-rate.js';
import type { TimecardContext } from './timecard.inputs.js';
import type { TimeActivityDraft, TimecardOutput } from './timecard.outputs.js';
import type { TimecardDoc, TrackingState } from './timecard.state.js';
import { timecardLabel, timecardMarkerVersion } from './timecard.state.js';

const request = (s: TrackingState) => ({ requestNo: nextRequestNo(s.outbox), document: s.doc.ref, version: s.doc.version });

const park = (doc: TimecardDoc, reasons: readonly ParkReason[], problem: string): TimecardOutput =>
  ({ type: 'DocumentSyncParked.v1', data: { document: doc.ref, version: doc.version, reasons, message: `${timecardLabel(doc)} can't post: ${problem}.` } });

/** What the entry is filed under from its rule: the service item (null when the books need none) and the class. */
interface Filing {
  readonly itemRef: BooksRef | null;
  readonly classRef: BooksRef | null;
}

/** The rule's service item for the entry's code and type, or why there is none; books that need no item need no rule either. */
const filing = (doc: TimecardDoc, ctx: TimecardContext, needs: TimeEntryNeeds): Filing | string => {
  const { projectId, costCode, costType } = doc.snapshot;
  const label = costCodeLabel(costCode, costType);
  if (ctx.mapping === null) return `no mapping has been imported for this connection (cost code ${label})`;
  const resolved = resolveMapping(ctx.mapping, { projectId, costCode, costType });
  if (resolved.kind === 'missing') return needs.serviceItem ? resolved.reason.message : { itemRef: null, classRef: null };
  const { target, classRef } = resolved.rule;
  if (target.kind === 'item') return { itemRef: target.itemRef, classRef };
  return needs.serviceItem ? `cost code ${label} maps to an account, and a TimeActivity needs a service item` : { itemRef: null, classRef };
};

const mappingMissing = (doc: TimecardDoc, itemProblem: string | null, job: JobResolution): TimecardOutput[] => {
  const { projectId, costCode, costType } = doc.snapshot;
  const problems = [...(itemProblem === null ? [] : [itemProblem]), ...(job.kind === 'missing' ? [`no Customer:Job for project ${projectId}`] : [])].join('; ');
  const costCodes = itemProblem === null ? [] : [{ costCode, costType, lineIds: [doc.ref.externalId] }];
  const message = `${timecardLabel(doc)} can't post: ${problems}.`;
  return [
    { type: 'DocumentMappingMissing.v1', data: { document: doc.ref, version: doc.version, costCodes, jobMissingFor: job.kind === 'missing' ? projectId : null, message } },
    park(doc, ['mapping-missing'], problems),
  ];
};

/** Hours within one day and a bill rate for billable time; else what is wrong. */
const checkEntry = (doc: TimecardDoc, billRate: string | null): { duration: HoursAndMinutes } | string => {
  const duration = hoursAndMinutes(doc.snapshot.hours);
  if (duration === null) return `hours "${doc.snapshot.hours}" is not a number of hours`;
  const minutes = duration.hours * 60 + duration.minutes;
  if (minutes === 0 || minutes > 24 * 60) return `${doc.snapshot.hours} hours is not between a minute and 24 hours`;
  if (doc.snapshot.billable && billRate === null) return `the entry is billable but ${doc.snapshot.employeeName} has no bill rate (QBO HourlyRate)`;
  return { duration };
};

const approvedStep = (s: TrackingState, ctx: TimecardContext): TimecardOutput[] => {
  const { doc } = s;
  if (s.syncedVersion === doc.version && s.remapDue === undefined) return [];
  const needs = ctx.timeNeeds ?? SERVICE_ITEM_TIME;
  const item = filing(doc, ctx, needs);
  const job = resolveJob(ctx.mapping, doc.snapshot.projectId, s.jobRef ?? ctx.jobLink);
  if (typeof item === 'string' || job.kind === 'missing') return mappingMissing(doc, typeof item === 'string' ? item : null, job);
  const { employeeId, employeeName, projectId, billable } = doc.snapshot;
  if (ctx.employee === null) {
    return [park(doc, ['link-missing'], `no books employee is linked to Procore worker ${employeeId} (${employeeName}): add ${employeeName} as ${needs.worker}, named exactly so, then retry`)];
  }
  const entry = checkEntry(doc, ctx.employee.billRate);
  if (typeof entry === 'string') return [park(doc, ['validation-failed'], entry)];
  if (job.kind === 'lookup') return [{ type: 'BooksJobResolutionRequested.v1', data: { ...request(s), projectId, parentCustomerRef: job.parentCustomerRef, jobName: job.jobName } }];
  const hubMarker = hubMarkerOf(doc.ref, timecardMarkerVersion(s));
  const { costCode, costType } = doc.snapshot;
  const costRate = labourRateFor({ employeeId, costCode, costType }, ctx.employee, ctx.mapping)?.rate ?? null;
  const labour = costRate === null ? null : { projectId, costCode, costType, amount: labourCost(entry.duration, costRate) };
  const draft: TimeActivityDraft = {
    employeeRef: ctx.employee.employeeRef, txnDate: doc.snapshot.date, ...entry.duration,
    customerRef: job.customerRef, itemRef: item.itemRef, classRef: item.classRef, costCode, costType,
    billableStatus: billable ? 'Billable' : 'NotBillable', hourlyRate: billable ? ctx.employee.billRate : null,
    costRate, labour,
    description: `${hubMarker} ${doc.snapshot.description}`.slice(0, 4000), hubMarker,
  };
  const step = writeOrSynced(s, draft, entry.duration);
  return costRate === null && step.type !== 'TimecardSynced.v1' ? [step, uncosted(doc)] : [step];
};

const uncosted = (doc: TimecardDoc): TimecardOutput => {
  const { employeeId, employeeName, costCode, costType } = doc.snapshot;
  const message = `${timecardLabel(doc)} posts without a labour cost: no cost rate for ${employeeName} (worker ${employeeId}) in the books, `
    + `and the mapping's settings.labourRates has none for the worker, cost code ${costCodeLabel(costCode, costType)} or a default.`;
  return { type: 'TimecardLabourUncosted.v1', data: { document: doc.ref, version: doc.version, employeeId, employeeName, message } };
};

/** Post, update, or (when the books hold this version) the fact that they do. */
const writeOrSynced = (s: TrackingState, draft: TimeActivityDraft, duration: HoursAndMinutes): TimecardOutput => {
  const { doc, books } = s;
  if (books === null) return { type: 'PostTimeActivityRequested.v1', data: { ...request(s), ...draft } };
  // A remap applied with "update posted" rewrites it with the new mapping, the entry unchanged.
  if (books.version !== doc.version || s.remapDue !== undefined) {
    return { type: 'UpdateTimeActivityRequested.v1', data: { ...request(s), ...draft, timeActivityId: books.timeActivityId, lastKnownSyncToken: books.syncToken } };
  }
  return { type: 'TimecardSynced.v1', data: { document: doc.ref, version: doc.version, timeActivityId: books.timeActivityId, ...duration } };
};

const voidStep = (s: TrackingState): TimecardOutput[] => {
  if (s.books !== null) return [{ type: 'DeleteTimeActivityRequested.v1', data: { ...request(s), timeActivityId: s.books.timeActivityId, lastKnownSyncToken: s.books.syncToken } }];
  return s.voidSynced ? [] : [{ type: 'TimecardVoidSynced.v1', data: { document: s.doc.ref, version: s.doc.version, deletedTimeActivityId: s.deletedId } }];
};

/** The next request, a park, or the fact the books are in step; nothing while a request is out or parked. */
export const nextTimecardStep = (s: TrackingState, ctx: TimecardContext): TimecardOutput[] => {
  if (s.outbox.status !== 'ready') return [];
  switch (s.doc.phase) {
    // Back to pending after approval: the TimeActivity stays until approved again, rejected or deleted.
    case 'open': return [];
    case 'approved': return approvedStep(s, ctx);
    case 'voided': return voidStep(s);
    default: return assertNever(s.doc.phase);
  }
};
