/** Fault `type` values QuickBooks sends (facts §6). */
export type FaultType = 'ValidationFault' | 'SystemFault' | 'AuthorizationFault' | 'SERVICE';

/**
 * A QuickBooks Fault: thrown by the simulator's rules and turned into the documented body
 * by the HTTP layer (or into a batch item's Fault). `code` is a string, as on the wire.
 */
export class QboError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail: string,
    readonly element = '',
    readonly status = 400,
    readonly type: FaultType = 'ValidationFault',
  ) {
    super(message);
    this.name = 'QboError';
  }

  toFault(): { Error: Array<{ Message: string; Detail: string; code: string; element: string }>; type: FaultType } {
    return { Error: [{ Message: this.message, Detail: this.detail, code: this.code, element: this.element }], type: this.type };
  }
}

// Message and Detail texts follow the wording of Intuit's error-code page.
export const errors = {
  required: (field: string) =>
    new QboError('2020', 'Required param missing, need to supply the required value for the API', `Required parameter ${field} is missing in the request`, field),
  invalidReference: (field: string, id: string) =>
    new QboError('2500', 'Invalid Reference Id', `Invalid Reference Id : ${field} ${id} does not exist or is inactive`, field),
  invalidId: (field: string) => new QboError('2030', 'Invalid ID', `Invalid ID : ${field} must be a string Id`, field),
  notFound: (entity: string, id: string) =>
    new QboError('610', 'Object Not Found', `Object Not Found : Something you're trying to use has been made inactive or deleted. ${entity} ${id} was not found.`),
  stale: () =>
    new QboError('5010', 'Stale Object Error', 'Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.'),
  duplicateName: () =>
    new QboError('6240', 'Duplicate Name Exists Error', 'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.'),
  duplicateItemName: (entity: string) =>
    new QboError('6240', 'Duplicate Name Exists Error', `The name supplied already exists. : Another ${entity.toLowerCase()} is already using this name. Please use a different name.`),
  amountMismatch: (element: string) =>
    new QboError('6070', 'Amount is not equal to UnitPrice * Qty', 'Amount is not equal to UnitPrice * Qty. Supplied value:Amount', element),
  negativeAmount: (element: string) =>
    new QboError('2290', "Negative amounts aren't supported on transaction lines.", "NegativeAmount : Negative amounts aren't supported on transaction lines.", element),
  duplicateDocNumber: (docNumber: string, txnType: string, txnId: string) =>
    new QboError('6140', 'Duplicate Document Number Error',
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${txnType} with TxnId=${txnId}`, 'DocNumber'),
  subLevelLimit: () => new QboError('6180', 'Sub Level Limit Error', 'You can only have 5 levels of sub-customers, sub-classes or sub-accounts.', 'ParentRef'),
  enumeration: (field: string, value: string) =>
    new QboError('2170', 'Invalid Enumeration', `Invalid Enumeration : ${value} is not a valid value for ${field}`, field),
  stringLength: (field: string, max: number) =>
    new QboError('2050', 'Invalid string length', `String length exceeds maximum length of ${max} for ${field}`, field),
  business: (detail: string, element = '') =>
    new QboError('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${detail}`, element),
  accountTypeMissing: () =>
    new QboError('6010', 'Invalid account type', 'You must select an account type (AccountType or AccountSubType).', 'AccountType'),
  invalidProperty: (detail: string) => new QboError('2010', 'Request has invalid or unsupported property', detail),
  unsupported: (detail: string) => new QboError('500', 'Unsupported Operation', detail),
  queryParse: (detail: string) => new QboError('4000', 'Error parsing query', `QueryParserError: ${detail}`),
  queryInvalid: (detail: string) => new QboError('4001', 'Invalid query', `QueryValidationError: ${detail}`),
  batchTooLarge: (max: number) => new QboError('1040', 'Batch size exceeds allowed limit', `Batch size exceeds allowed limit of ${max} items`),
  throttled: () =>
    new QboError('3001', 'message=ThrottleExceeded; errorCode=003001; statusCode=429', 'Too many requests. The request limit has been exceeded.', '', 429, 'SERVICE'),
  forbidden: () =>
    new QboError('3100', 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', 'The token does not grant access to this company.', '', 403, 'AuthorizationFault'),
  unavailable: () =>
    new QboError('10000', 'An application error has occurred while processing your request', 'System Failure Error: Service Unavailable', '', 503, 'SystemFault'),
  internal: (detail: string) =>
    new QboError('10000', 'An application error has occurred while processing your request', `System Failure Error: ${detail}`, '', 500, 'SystemFault'),
  notFoundUrl: (path: string) => new QboError('404', 'Resource not found', `No resource at ${path}`, '', 404, 'ValidationFault'),
};
