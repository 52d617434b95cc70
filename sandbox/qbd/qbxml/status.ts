/**
 * The statuses a request can end with (api-facts/qbd.md §6). Thrown inside a handler, caught by
 * the processor and written onto the request's `…Rs` element.
 */
export class QbStatus extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'QbStatus';
  }

  get severity(): 'Info' | 'Warn' | 'Error' {
    return this.code < 500 ? 'Info' : this.code < 1000 ? 'Warn' : 'Error';
  }
}

/** The whole document is rejected by the request processor: QBWC reports the HRESULT instead of a response. */
export class QbParseError extends Error {
  readonly hresult = '0x80040400';
  constructor(detail: string) {
    super(`QuickBooks found an error when parsing the provided XML text stream. ${detail}`);
    this.name = 'QbParseError';
  }
}

export const STATUS_OK = 'Status OK';

export const noMatch = (): QbStatus => new QbStatus(1, 'A query request did not find a matching object in QuickBooks');
export const nameInUse = (name: string): QbStatus => new QbStatus(3100, `The name "${name}" of the list element is already in use.`);
export const notFound = (id: string): QbStatus => new QbStatus(3120, `Object "${id}" specified in the request cannot be found.`);
export const badReference = (kind: string, value: string, where: string): QbStatus =>
  new QbStatus(3140, `There is an invalid reference to QuickBooks ${kind} "${value}" in the ${where}.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`);
export const staleEditSequence = (editSequence: string): QbStatus =>
  new QbStatus(3200, `The provided edit sequence "${editSequence}" is out-of-date.`);
export const invalidValue = (field: string, value: string, why: string): QbStatus =>
  new QbStatus(3210, `The "${field}" field has an invalid value "${value}".  QuickBooks error message: ${why}`);
/** Codes 3020 and 3070 are from Intuit's status-code list (not in qbd.md's table): conversion and length failures. */
export const conversionError = (field: string, value: string): QbStatus =>
  new QbStatus(3020, `There was an error when converting the value "${value}" in the field "${field}".`);
export const tooLong = (field: string, value: string): QbStatus =>
  new QbStatus(3070, `The string "${value}" in the field "${field}" is too long.`);
export const locked = (kind: string): QbStatus =>
  new QbStatus(3180, `There was an error when saving a ${kind}.  QuickBooks error message: This list has been modified by another user.`);
export const partialQuery = (missing: string): QbStatus =>
  new QbStatus(500, `The query request has not been fully completed. There was a required element ("${missing}") that could not be found in QuickBooks.`);
