import type { TimeActivityDeleted, TimeActivityPosted, TimeActivityUpdated } from '../../../../domain/timecards/timecard.inputs.js';
import type {
  DeleteTimeActivityRequested, PostTimeActivityRequested, TimeActivityDraft, UpdateTimeActivityRequested,
} from '../../../../domain/timecards/timecard.outputs.js';
import type { OutboundHandler } from '../../../outbound/index.js';
import type { QuickBooksOutboundDeps } from '../deps.js';
import { idOf, syncTokenOf } from '../outcomes.js';
import { quote } from '../qbo-calls.js';
import { createHandler } from './create.js';
import { markedText } from './marker-search.js';
import { replaceHandler } from './replace.js';
import { retireHandler } from './retire.js';
import { refBody, TEXT_MAX } from './sales-body.js';

type PostData = PostTimeActivityRequested['data'];
type UpdateData = UpdateTimeActivityRequested['data'];
type DeleteData = DeleteTimeActivityRequested['data'];

/**
 * Hours worked by an employee on the job (facts §2.12): Hours + Minutes, the service item,
 * billable at HourlyRate when the draft says so. A TimeActivity has no PrivateNote: the
 * marker leads the Description.
 */
export const timeActivityBody = (draft: TimeActivityDraft): Record<string, unknown> => ({
  NameOf: draft.nameOf,
  EmployeeRef: refBody(draft.employeeRef),
  TxnDate: draft.txnDate,
  Hours: draft.hours,
  Minutes: draft.minutes,
  CustomerRef: refBody(draft.customerRef),
  ItemRef: refBody(draft.itemRef),
  ...(draft.classRef ? { ClassRef: refBody(draft.classRef) } : {}),
  BillableStatus: draft.billableStatus,
  // A decimal string; JSON carries it as the number it spells.
  ...(draft.hourlyRate !== null ? { HourlyRate: Number(draft.hourlyRate) } : {}),
  // The books cost the hours at this rate (job cost by customer); without it labour costs nothing there.
  ...(draft.costRate ? { CostRate: Number(draft.costRate) } : {}),
  Description: markedText(draft.description, draft.hubMarker, TEXT_MAX),
});

/**
 * A TimeActivity has no DocNumber and its Description is not filterable (facts §3): a lost
 * answer is found among that day's time activities, by the marker leading the Description.
 */
export const postTimeActivityHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<PostData> => createHandler<PostData>({
  requestType: 'PostTimeActivityRequested.v1',
  entity: 'TimeActivity',
  label: 'time activity',
  body: (_call, data) => timeActivityBody(data),
  search: (data) => ({ entity: 'TimeActivity', field: 'Description', marker: data.hubMarker, where: `TxnDate = ${quote(data.txnDate)}` }),
  outcome: (data, o) => ({
    type: 'TimeActivityPosted.v1', data: { requestNo: data.requestNo, timeActivityId: idOf(o), syncToken: syncTokenOf(o) } satisfies TimeActivityPosted['data'],
  }),
}, deps);

export const updateTimeActivityHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<UpdateData> => replaceHandler<UpdateData>({
  requestType: 'UpdateTimeActivityRequested.v1',
  entity: 'TimeActivity',
  existing: (data) => ({ id: data.timeActivityId, lastKnownSyncToken: data.lastKnownSyncToken }),
  body: (_call, data) => timeActivityBody(data),
  marker: (data) => ({ field: 'Description', value: data.hubMarker }),
  outcome: (data, o) => ({
    type: 'TimeActivityUpdated.v1', data: { requestNo: data.requestNo, timeActivityId: data.timeActivityId, syncToken: syncTokenOf(o) } satisfies TimeActivityUpdated['data'],
  }),
}, deps);

/** DeleteTimeActivityRequested.v1: `operation=delete`; already gone (610) is the same answer. */
export const deleteTimeActivityHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<DeleteData> => retireHandler<DeleteData>({
  requestType: 'DeleteTimeActivityRequested.v1',
  entity: 'TimeActivity',
  retirement: 'delete',
  existing: (data) => ({ id: data.timeActivityId, lastKnownSyncToken: data.lastKnownSyncToken }),
  isRetired: () => false,
  outcome: (data, timeActivityId) => ({ type: 'TimeActivityDeleted.v1', data: { requestNo: data.requestNo, timeActivityId } satisfies TimeActivityDeleted['data'] }),
}, deps);
