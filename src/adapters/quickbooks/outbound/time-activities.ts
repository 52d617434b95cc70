import type { TimeEntryPosting } from '../../../domain/books/index.js';
import { markedText, refBody } from './books-body.js';

/**
 * A time entry as a TimeActivity (facts §2.12): hours worked by an Employee on the
 * Customer:Job, Hours + Minutes, the service item, billable at HourlyRate when the entry is.
 * A TimeActivity has no PrivateNote: the marker leads the Description.
 */
export const timeActivityBody = (posting: TimeEntryPosting): Record<string, unknown> => ({
  NameOf: 'Employee',
  EmployeeRef: refBody(posting.employeeRef),
  TxnDate: posting.txnDate,
  Hours: posting.hours,
  Minutes: posting.minutes,
  CustomerRef: refBody(posting.jobRef),
  ...(posting.itemRef ? { ItemRef: refBody(posting.itemRef) } : {}),
  ...(posting.classRef ? { ClassRef: refBody(posting.classRef) } : {}),
  BillableStatus: posting.billable ? 'Billable' : 'NotBillable',
  // A decimal string; JSON carries it as the number it spells.
  ...(posting.hourlyRate !== null ? { HourlyRate: Number(posting.hourlyRate) } : {}),
  // The books cost the hours at this rate (job cost by customer); without it labour costs nothing there.
  ...(posting.costRate !== null ? { CostRate: Number(posting.costRate) } : {}),
  Description: markedText(posting.note),
});
