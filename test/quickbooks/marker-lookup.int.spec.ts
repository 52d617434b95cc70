import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundHandler, OutboundRequest } from '../../src/adapters/pipeline/outbound/index.js';
import { quickBooksProjectSyncHandlers } from '../../src/adapters/quickbooks/outbound/index.js';
import type { EntityName } from '../../sandbox/quickbooks/model/entity-types.js';
import { contextOf, draftOf, requestOf, startQboOutbound, type QboOutboundHarness } from './support/qbo-outbound-harness.js';
import { invoiceDraft, poDraft, poLine, timeActivityDraft } from './support/project-requests.js';
import { cents } from '../../src/domain/shared/money.js';

type Doc = Record<string, unknown>;

/** One kind of document the hub creates: its request, the entity and where the marker sits. */
interface Kind {
  readonly requestType: string;
  readonly entity: EntityName;
  readonly path: string;
  readonly field: 'PrivateNote' | 'Description';
  readonly data: (version: string) => Doc & { hubMarker: string };
  readonly idKey: string;
}

const KINDS: Kind[] = [
  { requestType: 'PostBillRequested.v1', entity: 'Bill', path: '/bill', field: 'PrivateNote', data: (v) => ({ ...draftOf('7101', { version: v }) }), idKey: 'billId' },
  { requestType: 'PostVendorCreditRequested.v1', entity: 'VendorCredit', path: '/vendorcredit', field: 'PrivateNote', data: (v) => ({ ...draftOf('7102', { version: v }) }), idKey: 'vendorCreditId' },
  { requestType: 'PostPurchaseOrderRequested.v1', entity: 'PurchaseOrder', path: '/purchaseorder', field: 'PrivateNote',
    data: (v) => ({ ...poDraft('7103', v, [poLine('23-07-00|S', cents(160_000))]) }), idKey: 'purchaseOrderId' },
  { requestType: 'PostInvoiceRequested.v1', entity: 'Invoice', path: '/invoice', field: 'PrivateNote', data: (v) => ({ ...invoiceDraft('7104', v), purpose: 'progress' }), idKey: 'invoiceId' },
  { requestType: 'PostTimeActivityRequested.v1', entity: 'TimeActivity', path: '/timeactivity', field: 'Description', data: (v) => ({ ...timeActivityDraft('7105', v) }), idKey: 'timeActivityId' },
];

describe('QuickBooks outbound: finding the hub\'s own create after a lost answer, on filterable fields only (sandbox over HTTP)', () => {
  let h: QboOutboundHarness;
  let handlers: Map<string, OutboundHandler>;
  beforeAll(async () => {
    h = await startQboOutbound();
    handlers = new Map([...quickBooksProjectSyncHandlers(h.deps), ...['PostBillRequested.v1', 'PostVendorCreditRequested.v1'].map((t) => h.handler(t))]
      .map((x) => [x.requestType, x]));
  });
  afterAll(() => h?.close());

  const marked = (kind: Kind, marker: string): Doc[] =>
    h.sandbox.company().list(kind.entity).filter((o) => String(o[kind.field]).startsWith(`${marker} `));

  /** A create whose answer is lost after QuickBooks wrote it, with the requestid forgotten too. */
  const lostCreate = async (kind: Kind, data: Doc): Promise<OutboundRequest> => {
    const request = requestOf(kind.requestType, data);
    h.sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'POST', path: kind.path });
    expect(await handlers.get(kind.requestType)!.execute(request, contextOf(request))).toMatchObject({ ok: false, kind: 'ambiguous' });
    h.sandbox.company().forgetRequestIds();
    return request;
  };

  it('the sandbox refuses the old lookup on the marker text with 4001, for every kind', async () => {
    for (const kind of KINDS) {
      const answer = await fetch(`${h.sandbox.baseUrl}/v3/company/${h.sandbox.realmId}/query?query=${encodeURIComponent(`SELECT * FROM ${kind.entity} WHERE ${kind.field} LIKE 'trestle:%'`)}`, {
        headers: { authorization: `Bearer ${h.sandbox.issueTokens().access_token}`, accept: 'application/json' },
      });
      expect(answer.status, kind.entity).toBe(400);
      expect(((await answer.json()) as { Fault: { Error: Array<{ code: string }> } }).Fault.Error[0]!.code, kind.entity).toBe('4001');
    }
  });

  it.each(KINDS.map((k) => [k.entity, k] as const))('finds a lost %s create by its own fields and marker; another version\'s marker finds nothing', async (_name, kind) => {
    const data = kind.data('1');
    const request = await lostCreate(kind, data);
    const [written] = marked(kind, data.hubMarker);
    expect(written).toBeDefined();
    const found = await handlers.get(kind.requestType)!.findExisting!(request, contextOf(request, 2));
    expect(found).toMatchObject({ ok: true, outcome: { data: { [kind.idKey]: written!.Id, syncToken: '0' } } });
    const otherVersion = requestOf(kind.requestType, kind.data('9'));
    expect(await handlers.get(kind.requestType)!.findExisting!(otherVersion, contextOf(otherVersion))).toMatchObject({ ok: true, outcome: null });
    expect(marked(kind, data.hubMarker)).toHaveLength(1);
  });

  it('finds a lost bill without a DocNumber among the vendor\'s bills of that date, ignoring other markers', async () => {
    const bill = KINDS[0]!;
    for (const version of ['2', '20', '200']) {
      const other = draftOf('7201', { version, docNumber: '' });
      const request = requestOf(bill.requestType, other);
      expect(await handlers.get(bill.requestType)!.execute(request, contextOf(request))).toMatchObject({ ok: true });
    }
    const data = draftOf('7201', { version: '21', docNumber: '' });
    const request = await lostCreate(bill, { ...data });
    const found = await handlers.get(bill.requestType)!.findExisting!(request, contextOf(request, 2));
    expect(found).toMatchObject({ ok: true, outcome: { data: { billId: marked(bill, data.hubMarker)[0]!.Id } } });
  });

  it('pages past a full first page: the lost TimeActivity is the 1001st of its day', async () => {
    const kind = KINDS[4]!;
    const txnDate = '2026-05-04';
    for (let i = 0; i < 1000; i++) {
      h.sandbox.company().write('TimeActivity', {
        NameOf: 'Employee', EmployeeRef: { value: '81' }, TxnDate: txnDate, Hours: 1, Minutes: 0, CustomerRef: { value: '59' },
        ItemRef: { value: '12' }, BillableStatus: 'NotBillable', Description: `trestle:acme.procore.timecard-other-${i}:1 crew`,
      });
    }
    const data = timeActivityDraft('7301', '1', { txnDate });
    const request = await lostCreate(kind, { ...data });
    const found = await handlers.get(kind.requestType)!.findExisting!(request, contextOf(request, 2));
    expect(found).toMatchObject({ ok: true, outcome: { data: { timeActivityId: marked(kind, data.hubMarker)[0]!.Id } } });
  });
});
