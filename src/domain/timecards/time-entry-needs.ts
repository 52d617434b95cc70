/**
 * What the books need to keep a timecard's hours: the timecard saga asks the mapping only for
 * that. A port that says nothing files time on service items (`SERVICE_ITEM_TIME`).
 */
export interface TimeEntryNeeds {
  /**
   * true: each entry is on the service item the cost code's rule names (QuickBooks); false:
   * the books file it under the cost code itself (Xero Projects: a task named after it).
   */
  readonly serviceItem: boolean;
  /** Who the books log hours as, in the operator's words, for the park that says how to add the worker. */
  readonly worker: string;
}

export const SERVICE_ITEM_TIME: TimeEntryNeeds = { serviceItem: true, worker: 'an active employee in the books' };
