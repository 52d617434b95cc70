import { describe, expect, it } from 'vitest';
import { invoiceFlow, invoiceStream } from '../../bench/replay/invoice-flow.js';
import { auditLinksOf } from '../../src/projections/audit/audit-links.js';
import { recorded } from './recorded.js';

describe('audit links', () => {
  it('ties a document to its saga, the saga to its requests and bill, and the bill to its payment', () => {
    const events = recorded(invoiceFlow({ connection: 'acme', projectId: '1', invoiceId: '7', lines: [{ costCode: '23-31-00', costType: 'S', amount: 100, retainage: 0 }], paid: 50 }));
    const links = new Map(events.flatMap(auditLinksOf).map((l) => [`${l.kind} ${l.from} -> ${l.to}`, l]));
    const saga = 'acme.sagas.invoice-sync-7';
    const request = events.find((e) => e.type === 'OutboundRequestQueued.v1')!.streamName;
    expect([...links.keys()].sort()).toEqual([
      `books-payment acme|bill|70 -> acme.quickbooks.bill_payment-70`,
      `document-saga ${invoiceStream('acme', '7')} -> ${saga}`,
      `saga-books ${saga} -> acme|bill|70`,
      `saga-request ${saga} -> ${request}`,
    ]);
    expect(links.get(`saga-books ${saga} -> acme|bill|70`)?.detail).toBe('Bill');
  });

  it('finds nothing in events that link nothing, or in malformed ones', () => {
    expect(auditLinksOf(recorded([{ id: 'x', stream: 'acme.inbox.procore', type: 'ProcoreWebhookReceived.v1', data: null, metadata: {} }])[0]!)).toEqual([]);
    expect(auditLinksOf(recorded([{ id: 'y', stream: 'acme.outbound.request-1', type: 'BillPosted.v1', data: 7, metadata: { sagaStream: 's' } }])[0]!))
      .toEqual([{ from: 's', to: 'acme.outbound.request-1', kind: 'saga-request', connection: 'acme', detail: null }]);
  });
});
