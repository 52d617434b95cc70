import { beforeEach, describe, expect, it } from 'vitest';
import { memoryQueueStore } from '../../../test/qbd/memory-queue-store.js';
import { runSession } from '../../../test/qbd/web-connector-session.js';
import type { BooksCall, PurchaseOrderLine, PurchaseOrderPosting } from '../../domain/books/index.js';
import { cents } from '../../domain/shared/money.js';
import { hashPassword } from '../../platform/config/password-hash.js';
import { QbdBooksPort } from './qbd-books-port.js';
import { QbdQueue } from './queue/qbd-queue.js';
import { WebConnectorService } from './web-connector/web-connector.service.js';

const CONNECTION = 'acme-qbd';
const settings = [{ connection: CONNECTION, userName: 'u', passwordHash: hashPassword('p'), companyFile: '' }];
const call = (key: string): BooksCall => ({ connection: CONNECTION, idempotencyKey: key, signal: new AbortController().signal });
const JOB = { value: 'Smith, John:Kitchen Remodel' };

const itemLine = (lineKey: string, amount: number, lineId: string | null = null): PurchaseOrderLine => ({
  kind: 'item', description: `Work on ${lineKey}`, amount: cents(amount), itemRef: { value: 'Ductwork Subcontract' }, qty: 1, unitPrice: cents(amount),
  jobRef: JOB, classRef: { value: '23 HVAC' }, billable: false, billedFrom: null, lineKey, lineId,
});
const accountLine = (lineKey: string): PurchaseOrderLine => ({
  kind: 'account', description: 'Labour', amount: cents(1000), accountRef: { value: 'Job Costs:Subcontractors' },
  jobRef: JOB, classRef: null, billable: false, billedFrom: null, lineKey, lineId: null,
});
const po = (lines: readonly PurchaseOrderLine[], marker = 'trestle:po:1'): PurchaseOrderPosting => ({
  kind: 'purchase-order', vendorRef: { value: '80000012-1712345678', name: 'Northwind' }, txnDate: '2026-03-02', number: 'WO-0001',
  memo: 'Ductwork', note: { marker, text: `${marker} Procore commitment WO-0001` }, lines,
});
const poRs = (rq: 'Add' | 'Mod', id: string, lineIds: readonly string[]) => `<QBXML><QBXMLMsgsRs><PurchaseOrder${rq}Rs requestID="${id}" statusCode="0" statusSeverity="Info" statusMessage="OK">`
  + `<PurchaseOrderRet><TxnID>PO-1</TxnID><EditSequence>${rq === 'Add' ? '10' : '11'}</EditSequence><RefNumber>WO-0001</RefNumber>`
  + `${lineIds.map((l) => `<PurchaseOrderLineRet><TxnLineID>${l}</TxnLineID></PurchaseOrderLineRet>`).join('')}</PurchaseOrderRet></PurchaseOrder${rq}Rs></QBXMLMsgsRs></QBXML>`;

describe('purchase orders in QuickBooks Desktop (item lines only)', () => {
  let queue: QbdQueue;
  let port: QbdBooksPort;
  let qbwc: WebConnectorService;

  const session = (answer: (request: string) => string) => runSession(qbwc, answer);

  beforeEach(() => {
    queue = new QbdQueue(memoryQueueStore());
    port = new QbdBooksPort({ queue, now: () => '2026-03-15T09:00:00.000Z', waitMs: 0, recheckMs: 30_000 });
    qbwc = new WebConnectorService(queue, () => settings);
  });

  it('refuses, without queueing, a PO whose cost code maps to an account: the message names the cost code and the fix', async () => {
    const answer = await port.post(call('p0'), po([itemLine('23-31-00|S', 5000), accountLine('23-05-00|L'), accountLine('26|')]));
    expect(answer).toMatchObject({ ok: false, kind: 'permanent', code: 'QBD_PO_NEEDS_ITEM' });
    expect(!answer.ok && answer.message).toBe('QuickBooks Desktop purchase orders take item lines only: cost codes 23-05-00/L, 26 map to an account. '
      + 'Add a mapping rule that names an item for each (a service or non-inventory item, by FullName or ListID), then retry.');
    expect(await session(() => '')).toEqual([]);
  });

  it('writes PurchaseOrderAdd with item lines in the schema\'s order and learns each line\'s TxnLineID by its key', async () => {
    const posting = po([itemLine('23-31-00|S', 450000), itemLine('23-31-00|M', 12000)]);
    await port.post(call('p1'), posting);
    const [request] = await session(() => poRs('Add', 'p1', ['L-1', 'L-2']));
    expect(request).toContain('<PurchaseOrderAdd><VendorRef><ListID>80000012-1712345678</ListID></VendorRef><TxnDate>2026-03-02</TxnDate><RefNumber>WO-0001</RefNumber>'
      + '<Memo>trestle:po:1 Procore commitment WO-0001</Memo><PurchaseOrderLineAdd><ItemRef><FullName>Ductwork Subcontract</FullName></ItemRef>'
      + '<Desc>Work on 23-31-00|S</Desc><Quantity>1</Quantity><Rate>4500.00</Rate><ClassRef><FullName>23 HVAC</FullName></ClassRef><Amount>4500.00</Amount>'
      + '<CustomerRef><FullName>Smith, John:Kitchen Remodel</FullName></CustomerRef></PurchaseOrderLineAdd>');
    expect(await port.post(call('p1'), posting)).toEqual({
      ok: true, value: { id: 'PO-1', version: '10', number: 'WO-0001', lineIds: [{ lineKey: '23-31-00|S', lineId: 'L-1' }, { lineKey: '23-31-00|M', lineId: 'L-2' }] },
    });
  });

  it('applies a change order as PurchaseOrderMod at the known EditSequence: lines keep their ids, a new one is -1, and it reopens the PO', async () => {
    const changed = po([itemLine('23-31-00|S', 500000, 'L-1'), itemLine('23-09-00|S', 3000)], 'trestle:po:1+co:2');
    await port.update(call('u1'), { kind: 'purchase-order', id: 'PO-1', version: '10' }, changed);
    const [request] = await session(() => poRs('Mod', 'u1', ['L-1', 'L-3']));
    expect(request).toContain('<PurchaseOrderMod><TxnID>PO-1</TxnID><EditSequence>10</EditSequence><VendorRef>');
    expect(request).toContain('<IsManuallyClosed>false</IsManuallyClosed><PurchaseOrderLineMod><TxnLineID>L-1</TxnLineID><ItemRef>');
    expect(request).toContain('<PurchaseOrderLineMod><TxnLineID>-1</TxnLineID><ItemRef>');
    expect(await port.update(call('u1'), { kind: 'purchase-order', id: 'PO-1', version: '10' }, changed)).toMatchObject({
      ok: true, value: { id: 'PO-1', version: '11', lineIds: [{ lineKey: '23-31-00|S', lineId: 'L-1' }, { lineKey: '23-09-00|S', lineId: 'L-3' }] },
    });
  });

  it('closes a voided commitment\'s PO (IsManuallyClosed true); a PO already closed is found so by the probe', async () => {
    await port.retire(call('c1'), { kind: 'purchase-order', id: 'PO-1', version: '11' }, 'close');
    const requests = await session((request) => (request.includes('PurchaseOrderQueryRq')
      ? '<QBXML><QBXMLMsgsRs><PurchaseOrderQueryRs requestID="c1" statusCode="0" statusSeverity="Info" statusMessage="OK"><PurchaseOrderRet><TxnID>PO-1</TxnID><EditSequence>12</EditSequence><IsManuallyClosed>false</IsManuallyClosed></PurchaseOrderRet></PurchaseOrderQueryRs></QBXMLMsgsRs></QBXML>'
      : '<QBXML><QBXMLMsgsRs><PurchaseOrderModRs requestID="c1" statusCode="0" statusSeverity="Info" statusMessage="OK"><PurchaseOrderRet><TxnID>PO-1</TxnID><EditSequence>13</EditSequence><IsManuallyClosed>true</IsManuallyClosed></PurchaseOrderRet></PurchaseOrderModRs></QBXMLMsgsRs></QBXML>'));
    expect(requests.map((r) => /<(\w+)Rq requestID/.exec(r)?.[1])).toEqual(['PurchaseOrderQuery', 'PurchaseOrderMod']);
    // The probe learnt the EditSequence QuickBooks holds now (12), and the close went at it.
    expect(requests[1]).toContain('<PurchaseOrderMod><TxnID>PO-1</TxnID><EditSequence>12</EditSequence><IsManuallyClosed>true</IsManuallyClosed></PurchaseOrderMod>');
    expect(await port.retire(call('c1'), { kind: 'purchase-order', id: 'PO-1', version: '11' }, 'close')).toEqual({ ok: true, value: { id: 'PO-1', version: '13' } });
  });
});
