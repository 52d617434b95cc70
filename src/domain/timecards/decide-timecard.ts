import type { TimecardEvent } from '../documents/document-events.js';
import { assertNever } from '../shared/assert-never.js';
import type { Failure } from '../shared/outbox.js';
import { isAnswer } from '../shared/outbox.js';
import type { ResumeCause } from '../posting/sync-facts.js';
import { parkedOnFailure, resumedAfterStall, resumesPark } from '../posting/sync-facts.js';
import type { MappingRemapApplied } from '../posting/posting-outcomes.js';
import type { TimeActivityOutcome, TimecardContext, TimecardInput } from './timecard.inputs.js';
import type { TimecardOutput } from './timecard.outputs.js';
import type { TimecardState, TrackingState } from './timecard.state.js';
import { isKnownFact, timecardLabel } from './timecard.state.js';
import { evolveTimecard } from './evolve-timecard.js';
import { nextTimecardStep } from './next-timecard-step.js';

const proceed = (s: TimecardState, facts: readonly TimecardOutput[], ctx: TimecardContext): TimecardOutput[] => {
  const after = facts.reduce(evolveTimecard, s);
  return [...facts, ...(after.status === 'Tracking' ? nextTimecardStep(after, ctx) : [])];
};

const resume = (s: TrackingState, cause: ResumeCause): TimecardOutput[] =>
  s.outbox.status === 'parked' ? [{ type: 'DocumentSyncResumed.v1', data: { document: s.doc.ref, version: s.doc.version, cause } }] : [];

const onDocument = (input: TimecardEvent, s: TimecardState, ctx: TimecardContext): TimecardOutput[] => {
  if (isKnownFact(s, input)) return [];
  const next = evolveTimecard(s, input);
  return next.status === 'Tracking' ? proceed(next, resume(next, 'revised'), ctx) : [];
};

const onOutcome = (input: TimeActivityOutcome, s: TimecardState, ctx: TimecardContext): TimecardOutput[] =>
  s.status === 'Tracking' && isAnswer(s.outbox, input.data.requestNo)
    ? proceed(evolveTimecard(s, input), resumedAfterStall(s.outbox, s.doc.ref, s.doc.version), ctx)
    : [];

const onFailure = (s: TimecardState, failure: Failure): TimecardOutput[] =>
  s.status === 'Tracking' ? parkedOnFailure(s.outbox, failure, s.doc, timecardLabel(s.doc)) : [];

/** A remap applied with "update posted" that lists this entry: its TimeActivity is rewritten (once any request out has landed). */
const onRemap = (input: MappingRemapApplied, s: TimecardState, ctx: TimecardContext): TimecardOutput[] =>
  s.status === 'Tracking' && (s.remapSeen ?? -1) < input.data.version ? proceed(evolveTimecard(s, input), [], ctx) : [];

/** A mapping change resumes only what waits for the mapping; a retry (or a new employee link) resumes any park. */
const onRetry = (s: TimecardState, cause: ResumeCause, ctx: TimecardContext): TimecardOutput[] =>
  s.status === 'Tracking' && resumesPark(s.outbox, cause) ? proceed(s, resume(s, cause), ctx) : [];

/**
 * The timecard saga, one instance per Procore timecard entry: approved, it becomes a
 * QuickBooks TimeActivity for the employee on the Customer:Job with the cost code's service
 * item; revised means update; rejected or deleted means delete.
 */
export const decideTimecard = (input: TimecardInput, s: TimecardState, ctx: TimecardContext): TimecardOutput[] => {
  switch (input.type) {
    case 'TimecardApproved.v1': case 'TimecardRevised.v1': case 'TimecardVoided.v1': return onDocument(input, s, ctx);
    case 'BooksJobResolved.v1': case 'TimeActivityPosted.v1': case 'TimeActivityUpdated.v1': case 'TimeActivityDeleted.v1':
      return onOutcome(input, s, ctx);
    case 'PostingFailed.v1': return onFailure(s, { kind: 'refused', ...input.data });
    case 'PostingDeadLettered.v1': return onFailure(s, { kind: 'dead-lettered', ...input.data });
    case 'MappingChanged.v1': return onRetry(s, 'mapping-changed', ctx);
    case 'MappingRemapApplied.v1': return onRemap(input, s, ctx);
    case 'SyncRetryRequested.v1': return onRetry(s, 'retry-requested', ctx);
    default: return assertNever(input);
  }
};
