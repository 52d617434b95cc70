import { describe, expect, it } from 'vitest';
import type { EventStore, ReadAllOptions, RecordedEvent } from '../../eventstore/index.js';
import { committedByCostCode } from '../../domain/budget/committed-by-cost-code.js';
import { initialBudgetState, type BudgetState } from '../../domain/budget/index.js';
import type { SubcontractorInvoiceSnapshot } from '../../domain/documents/snapshots.js';
import { CONTEXT, costLine, invoiceWith } from '../../domain/invoice-sync/invoice-sync.fixtures.js';
import { decideInvoiceSync, initialInvoiceSyncState, type InvoiceSyncInput } from '../../domain/invoice-sync/index.js';
import type { Cents } from '../../domain/shared/money.js';
import { InvoicesBilled } from './invoices-billed.js';

const COMMITMENT = '786001';
/** WO-001 allows 150,000.00 on 23-31-00/S and 12,000.00 on 23-31-00/M. */
const BUDGET: BudgetState = {
  ...initialBudgetState,
  committedByCommitment: {
    [COMMITMENT]: {
      '23-31-00|S': { costCode: '23-31-00', costType: 'S', amount: 15_000_000 as Cents },
      '23-31-00|M': { costCode: '23-31-00', costType: 'M', amount: 1_200_000 as Cents },
    },
  },
};

const invoice = (id: string, ducts: string, number = id): SubcontractorInvoiceSnapshot =>
  invoiceWith([costLine('1', '23-31-00', 'S', 'Ductwork', ducts), costLine('2', '23-31-00', 'M', 'Hangers', '1000.00')], { invoiceNumber: `NSM-${number}` });

let n = 0;
const recorded = (change: 'Approved' | 'Revised' | 'Voided', id: string, snapshot: SubcontractorInvoiceSnapshot): RecordedEvent => {
  n += 1;
  const ref = { connection: 'keystone', source: 'procore', type: 'subcontractor_invoice', externalId: id } as const;
  return {
    id: `e${n}`, type: `SubcontractorInvoice${change}.v1`, streamName: `keystone.procore.subcontractor_invoice-${id}`, revision: n,
    position: { commit: BigInt(n), prepare: BigInt(n) }, data: { ref, version: `v${n}`, observedAt: '2026-05-02T15:05:00Z', snapshot, raw: {} },
    metadata: { correlationId: 'c', causationId: null, connection: 'keystone', source: 'procore', schemaVersion: 1, recordedAt: '' },
  };
};

const storeOf = (events: RecordedEvent[]): EventStore => ({
  readAll: async (options: ReadAllOptions = {}) => events
    .filter((e) => options.after === undefined || e.position.commit > options.after.commit)
    .filter((e) => !options.filter?.eventTypes || options.filter.eventTypes.includes(e.type))
    .slice(0, options.maxCount),
}) as unknown as EventStore;

/** What the invoice saga decides on the asking invoice's approval, with the wiring's context. */
const failuresOn = async (index: InvoicesBilled, event: RecordedEvent): Promise<string[]> => {
  const billedBefore = await index.billedBefore('keystone', COMMITMENT, (event.data as { ref: { externalId: string } }).ref.externalId);
  const commitment = committedByCostCode(BUDGET, COMMITMENT, billedBefore);
  const outputs = decideInvoiceSync({ type: event.type, data: event.data } as InvoiceSyncInput, initialInvoiceSyncState, { ...CONTEXT, commitment });
  return outputs.filter((o) => o.type === 'ValidationFailed.v1').map((o) => {
    const d = o.data as { field: string; message: string };
    return `${d.field}: ${d.message}`;
  });
};

describe('cumulative over-billing: billedBefore is the gross on the commitment\'s other approved invoices', () => {
  it('parks the second of two invoices whose sum exceeds the committed amount on a cost code; each alone passes', async () => {
    const first = recorded('Approved', '1280701', invoice('1280701', '90000.00'));
    const second = recorded('Approved', '1280702', invoice('1280702', '70000.00'));
    expect(await failuresOn(new InvoicesBilled(storeOf([first])), first)).toEqual([]);
    expect(await failuresOn(new InvoicesBilled(storeOf([second])), second)).toEqual([]);

    const both = new InvoicesBilled(storeOf([first, second]));
    expect(await failuresOn(both, second)).toEqual([
      'lines[0].amount: 23-31-00/S: billed to date 160000.00 (90000.00 before, 70000.00 on this invoice) exceeds the committed 150000.00',
    ]);
    const hangers = await both.billedBefore('keystone', COMMITMENT, '1280702');
    expect(Object.values(hangers).map((c) => [c.costCode, c.costType, c.amount])).toEqual([['23-31-00', 'S', 9_000_000], ['23-31-00', 'M', 100_000]]);
  });

  it('counts only the latest approved version of each other invoice, never the asking one, and drops a voided one', async () => {
    const first = recorded('Approved', '1280701', invoice('1280701', '90000.00'));
    const revised = recorded('Revised', '1280701', invoice('1280701', '50000.00'));
    const second = recorded('Approved', '1280702', invoice('1280702', '70000.00'));
    const events = [first, revised, second];
    const index = new InvoicesBilled(storeOf(events));
    expect(await failuresOn(index, second)).toEqual([]);
    // The first invoice revised up to 140,000.00: over once the second's 70,000.00 counts against it.
    const again = recorded('Revised', '1280701', invoice('1280701', '140000.00'));
    events.push(again);
    expect((await failuresOn(index, again))[0]).toContain('23-31-00/S: billed to date 210000.00 (70000.00 before');
    events.push(recorded('Voided', '1280702', { ...invoice('1280702', '70000.00'), status: 'deleted' }));
    expect(await failuresOn(index, again)).toEqual([]);
  });
});
