import { ProcoreInboundModule } from './procore/inbound/procore-inbound.module.js';
import { QbdInboundModule } from './qbd/inbound/qbd-inbound.module.js';
import { QuickBooksInboundModule } from './quickbooks/inbound/quickbooks-inbound.module.js';
import { XeroInboundModule } from './xero/inbound/xero-inbound.module.js';

/** Every system the hub reads from: their webhook routes, fetches and polls. Add a system's module here. */
export const SOURCE_SYSTEM_MODULES = [ProcoreInboundModule, QuickBooksInboundModule, XeroInboundModule, QbdInboundModule];
