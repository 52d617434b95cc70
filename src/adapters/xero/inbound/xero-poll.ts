import { unwrap } from '../../../platform/http/api-result.js';
import { pollNoticeId, type ChangeNotice } from '../../pipeline/inbound/inbox/inbox-events.js';
import { isHubMarked } from '../../pipeline/inbound/normalise/books-marker.js';
import { idOf, text } from '../../pipeline/inbound/normalise/json-read.js';
import { relevant } from '../../pipeline/inbound/processing/books-objects.js';
import type { ResourcePoll } from '../../pipeline/inbound/polling/poll-types.js';
import type { KnownObjects } from '../../pipeline/inbound/state/inbound-tables.js';
import { xeroTime, type XeroClient, type XeroObject } from '../xero-client.js';
import { XERO_INVOICE_ENTITY } from './xero-fetch.js';
import { isInvoicePayment } from './normalise-xero.js';

const xeroNotice = (connection: string, resource: 'INVOICE' | 'PAYMENT', id: string, row: XeroObject): ChangeNotice => {
  const ms = xeroTime(row.UpdatedDateUTC);
  const version = ms === undefined ? `status:${text(row.Status) ?? ''}` : new Date(ms).toISOString();
  return {
    connection, source: 'xero', resource, resourceId: id, projectId: null, action: 'update', occurredAt: ms === undefined ? null : version,
    version, noticeId: pollNoticeId(resource, id, version), raw: { id, UpdatedDateUTC: row.UpdatedDateUTC ?? null, Status: row.Status ?? null },
  };
};

/** Xero: invoices (the hub's own bills) and payments (no webhooks for those) modified since the cursor. */
export const xeroPolls = (client: XeroClient, connection: string, known: KnownObjects): ResourcePoll[] => [
  {
    key: 'Invoices',
    run: async (window) => {
      const rows = unwrap('xero', await client.listModifiedSince('Invoices', window.since));
      const notices: ChangeNotice[] = [];
      for (const row of rows) {
        const id = idOf(row.InvoiceID);
        if (id && await relevant(known, connection, 'xero', XERO_INVOICE_ENTITY, id, isHubMarked(row.Reference, row.InvoiceNumber, row.Url))) {
          notices.push(xeroNotice(connection, 'INVOICE', id, row));
        }
      }
      return { notices };
    },
  },
  {
    key: 'Payments',
    run: async (window) => {
      const rows = unwrap('xero', await client.listModifiedSince('Payments', window.since));
      // Only payments on bills and sales invoices can settle what the hub posted.
      return { notices: rows.flatMap((row) => { const id = idOf(row.PaymentID); return id && isInvoicePayment(row) ? [xeroNotice(connection, 'PAYMENT', id, row)] : []; }) };
    },
  },
];
