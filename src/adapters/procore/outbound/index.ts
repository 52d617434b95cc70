import type { OutboundHandler } from '../../pipeline/outbound/index.js';
import { deletePaymentHandler, updatePaymentHandler } from './change-payment.js';
import type { ProcoreWriteBackDeps } from './deps.js';
import { recordPaymentHandler } from './record-payment.js';

export type { ProcoreClientLookup, ProcoreWriteBackDeps } from './deps.js';
export { procoreFailure } from './procore-failure.js';

/**
 * The payment saga's write-back to Procore: contract payments recorded, changed in place and
 * deleted, targeted at `procore:{companyId}`. `clients` is `ProcoreClients`,
 * `known` the inbound `KnownObjects`; register them with the dispatcher like the QuickBooks handlers.
 */
export const procoreWriteBackHandlers = (deps: ProcoreWriteBackDeps): OutboundHandler[] => [
  recordPaymentHandler(deps),
  updatePaymentHandler(deps),
  deletePaymentHandler(deps),
];
