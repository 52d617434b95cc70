import type { TimecardEvent } from '../documents/document-events.js';
import { assertNever } from '../shared/assert-never.js';
import type { Outbox } from '../shared/outbox.js';
import { answered, deadLettered, emptyOutbox, failed, isAnswer, parked, requestSent, resumed } from '../shared/outbox.js';
import type { TimecardEventInStream, TimecardMemory, TimecardState } from './timecard.state.js';
import { docOf, factKey, isKnownFact } from './timecard.state.js';

const absorb = (s: TimecardState, e: TimecardEvent): TimecardState => {
  if (isKnownFact(s, e)) return s;
  if (s.status === 'Tracking') return { ...s, doc: docOf(e), seenFacts: [...s.seenFacts, factKey(e)] };
  const memory: TimecardMemory = {
    doc: docOf(e), jobRef: null, books: null, deletedId: null, syncedVersion: null, voidSynced: false, seenFacts: [factKey(e)], outbox: emptyOutbox,
  };
  return { ...memory, status: 'Tracking' };
};

const edit = (s: TimecardState, change: (m: TimecardMemory) => Partial<TimecardMemory>): TimecardState =>
  s.status === 'Tracking' ? { ...s, ...change(s) } : s;

const withOutbox = (s: TimecardState, change: (o: Outbox) => Outbox): TimecardState => edit(s, (m) => ({ outbox: change(m.outbox) }));

/** The outcome of the request in flight: back to ready with what it taught. */
const complete = (s: TimecardState, requestNo: number, learn: (m: TimecardMemory, version: string) => Partial<TimecardMemory>): TimecardState =>
  edit(s, (m) => (isAnswer(m.outbox, requestNo) ? { ...learn(m, m.outbox.request.version), outbox: answered(m.outbox, requestNo) } : {}));

/** A request writes the remap due, if any; its answer settles that remap unless a later one came meanwhile. */
const sent = (m: TimecardMemory): Partial<TimecardMemory> => (m.remapDue === undefined ? {} : { remapSent: m.remapDue });
const settled = (m: TimecardMemory): Partial<TimecardMemory> =>
  (m.remapSent !== undefined && m.remapSent === m.remapDue ? { remapDue: undefined, remapSent: undefined } : { remapSent: undefined });

/** Folds one event of the saga's stream, input or output; an input the decider ignored changes nothing. */
export const evolveTimecard = (s: TimecardState, e: TimecardEventInStream): TimecardState => {
  switch (e.type) {
    case 'TimecardApproved.v1': case 'TimecardRevised.v1': case 'TimecardVoided.v1': return absorb(s, e);
    case 'BooksJobResolved.v1': return complete(s, e.data.requestNo, () => ({ jobRef: e.data.customerRef }));
    case 'TimeActivityPosted.v1': case 'TimeActivityUpdated.v1':
      return complete(s, e.data.requestNo, (m, version) => ({ books: { timeActivityId: e.data.timeActivityId, syncToken: e.data.syncToken, version }, ...settled(m) }));
    case 'TimeActivityDeleted.v1': return complete(s, e.data.requestNo, () => ({ books: null, deletedId: e.data.timeActivityId }));
    case 'PostTimeActivityRequested.v1': case 'UpdateTimeActivityRequested.v1':
      return withOutbox(edit(s, sent), (o) => requestSent(o, { requestNo: e.data.requestNo, type: e.type, version: e.data.version, subject: 'time-activity' }));
    case 'BooksJobResolutionRequested.v1': case 'DeleteTimeActivityRequested.v1':
      return withOutbox(s, (o) => requestSent(o, { requestNo: e.data.requestNo, type: e.type, version: e.data.version, subject: 'time-activity' }));
    case 'MappingRemapApplied.v1': return edit(s, () => ({ remapDue: e.data.version, remapSeen: e.data.version }));
    case 'TimecardSynced.v1': return edit(s, () => ({ syncedVersion: e.data.version }));
    case 'TimecardVoidSynced.v1': return edit(s, () => ({ voidSynced: true }));
    case 'PostingFailed.v1': return withOutbox(s, (o) => failed(o, e.data));
    case 'PostingDeadLettered.v1': return withOutbox(s, (o) => deadLettered(o, e.data.requestNo));
    case 'DocumentSyncParked.v1': return withOutbox(s, (o) => parked(o, { reasons: e.data.reasons, message: e.data.message }));
    case 'DocumentSyncResumed.v1': return withOutbox(s, resumed);
    case 'DocumentMappingMissing.v1': case 'TimecardLabourUncosted.v1': case 'MappingChanged.v1': case 'SyncRetryRequested.v1': return s;
    default: return assertNever(e);
  }
};
