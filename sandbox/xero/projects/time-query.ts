import type { Query } from '../support/query.js';
import { utcDateTime, type ModelState } from './input.js';
import type { ProjectRec, ProjectsBook, TimeEntryRec } from './model.js';

/**
 * GET /Projects/{id}/Time filters (facts §11). Nothing is ever invoiced in the simulator, so
 * an invoiceId matches no entry; dateAfterUtc/dateBeforeUtc are inclusive on dateUtc.
 */
export const timeQuery = (q: Query, book: ProjectsBook, project: ProjectRec):
  { readonly matches: (e: TimeEntryRec) => boolean } | { readonly error: ModelState } => {
  const after = q.dateAfterUtc === undefined ? undefined : utcDateTime(q.dateAfterUtc);
  const before = q.dateBeforeUtc === undefined ? undefined : utcDateTime(q.dateBeforeUtc);
  if (q.dateAfterUtc !== undefined && !after) return { error: { dateAfterUtc: ['The dateAfterUtc parameter must be an ISO-8601 UTC date time.'] } };
  if (q.dateBeforeUtc !== undefined && !before) return { error: { dateBeforeUtc: ['The dateBeforeUtc parameter must be an ISO-8601 UTC date time.'] } };
  const states = q.states?.split(',').map((s) => s.trim().toUpperCase());
  const chargeable = (e: TimeEntryRec) => book.tasks.get(e.taskId)?.chargeType !== 'NON_CHARGEABLE';
  return {
    matches: (e) => (!q.userId || e.userId === q.userId.toLowerCase())
      && (!q.taskId || e.taskId === q.taskId.toLowerCase())
      && !q.invoiceId
      && (!q.contactId || project.contactId === q.contactId.toLowerCase())
      && (!states || states.includes('ACTIVE'))
      && (q.isChargeable === undefined || chargeable(e) === (q.isChargeable === 'true'))
      && (!after || Date.parse(e.dateUtc) >= Date.parse(after))
      && (!before || Date.parse(e.dateUtc) <= Date.parse(before)),
  };
};
