import { describe, expect, it } from 'vitest';
import { invoiceFlow, invoiceStream, type FlowEvent } from '../../bench/replay/invoice-flow.js';
import { NUMBERS_PROJECT as P, ownerInvoiceFlow, timecardFlow } from './numbers-flows.js';
import { foldAll, recorded } from './recorded.js';

const C = 'acme';
const duct = { costCode: '23-31-00', costType: 'S', amount: 50_000_00, retainage: 5_000_00 };
const given = (...flows: FlowEvent[][]) => foldAll(recorded(flows.flat()));
const row = (result: ReturnType<typeof given>, key: string) => result.rows.get(`${C}:${P}/${key}`);

describe('reconciliation numbers: both sides of each row', () => {
  it('keeps the hub\'s posted amount and shows the books\' amount and the variance of a hand edit', () => {
    const result = given(invoiceFlow({ connection: C, projectId: P, invoiceId: '2001', lines: [duct], editedTotal: 49_000_00 }));
    expect(row(result, '23-31-00/S')).toMatchObject({ invoiced: 50_000_00, posted: 50_000_00, books: 49_000_00, mismatched: 1 });
  });

  it('spreads an edited total over the lines the hub wrote, in proportion', () => {
    const sealant = { costCode: '23-31-00', costType: 'M', amount: 10_000_00, retainage: 1_000_00 };
    const result = given(invoiceFlow({ connection: C, projectId: P, invoiceId: '2002', lines: [duct, sealant], editedTotal: 54_000_00 }));
    expect([row(result, '23-31-00/S')?.books, row(result, '23-31-00/M')?.books]).toEqual([45_000_00, 9_000_00]);
    expect([row(result, '23-31-00/S')?.posted, row(result, '23-31-00/M')?.posted]).toEqual([50_000_00, 10_000_00]);
  });
});

describe('reconciliation numbers: retainage against payments', () => {
  it('holds the retainage while the bill is paid up to its net due', () => {
    const result = given(invoiceFlow({ connection: C, projectId: P, invoiceId: '2101', lines: [duct], paid: 45_000_00 }));
    expect(row(result, '23-31-00/S')).toMatchObject({ paid: 45_000_00, retainage_held: 5_000_00, retainage_paid: 0, mismatched: 0 });
    expect(result.docs.get(invoiceStream(C, '2101'))?.verdict).toMatchObject({ status: 'in_sync', paid: 45_000_00, netDue: 45_000_00 });
  });

  it('counts a payment beyond the net due as retainage paid before its release: a discrepancy with both amounts', () => {
    const result = given(invoiceFlow({ connection: C, projectId: P, invoiceId: '2102', lines: [duct], paid: 50_000_00 }));
    expect(row(result, '23-31-00/S')).toMatchObject({ paid: 50_000_00, retainage_held: 0, retainage_paid: 5_000_00, mismatched: 1 });
    expect(result.docs.get(invoiceStream(C, '2102'))?.verdict).toMatchObject({
      status: 'mismatch', reason: 'paid_over_net_due', paid: 50_000_00, netDue: 45_000_00,
      detail: 'paid 50000.00 against a net due of 45000.00: retainage 5000.00 of 5000.00 paid before its release',
    });
  });
});

describe('reconciliation numbers: retainage released on a later requisition', () => {
  // Two requisitions hold 5,000.00 each; the third bills 20,000.00, retains 2,000.00 and releases 10,000.00.
  const release = { costCode: '23-31-00', costType: 'S', amount: 20_000_00, retainage: 2_000_00 - 10_000_00, released: 10_000_00 };
  const held = () => [
    invoiceFlow({ connection: C, projectId: P, invoiceId: '2201', lines: [duct], paid: 45_000_00 }),
    invoiceFlow({ connection: C, projectId: P, invoiceId: '2202', lines: [duct], paid: 45_000_00 }),
  ];

  it('holds what was retained less what was released, and shows the release: in sync when paid its net due', () => {
    const result = given(...held(), invoiceFlow({ connection: C, projectId: P, invoiceId: '2203', lines: [release], paid: 28_000_00 }));
    expect(row(result, '23-31-00/S')).toMatchObject({
      invoiced: 120_000_00, paid: 118_000_00, retainage_held: 2_000_00, retainage_released: 10_000_00, retainage_paid: 0, mismatched: 0,
    });
    expect(result.docs.get(invoiceStream(C, '2203'))?.verdict).toMatchObject({ status: 'in_sync', netDue: 28_000_00 });
  });

  it('counts a payment beyond a release\'s net due as retainage this period retained paid before its release', () => {
    const result = given(...held(), invoiceFlow({ connection: C, projectId: P, invoiceId: '2204', lines: [release], paid: 29_500_00 }));
    expect(row(result, '23-31-00/S')).toMatchObject({ retainage_held: 500_00, retainage_released: 10_000_00, retainage_paid: 1_500_00, mismatched: 1 });
    expect(result.docs.get(invoiceStream(C, '2204'))?.verdict).toMatchObject({
      status: 'mismatch', reason: 'paid_over_net_due', paid: 29_500_00, netDue: 28_000_00,
      detail: 'paid 29500.00 against a net due of 28000.00: retainage 1500.00 of 2000.00 paid before its release',
    });
  });
});

describe('reconciliation numbers: labour', () => {
  it('counts approved time at its cost as labour, and the TimeActivity as posted and in the books', () => {
    const result = given(timecardFlow('990100', '8.00', 384_00), timecardFlow('990101', '7.50', 330_00));
    expect(row(result, '23-05-00/L')).toMatchObject({ labour: 714_00, posted: 714_00, books: 714_00, invoiced: 0, documents: 2, pending: 0, mismatched: 0 });
    expect(result.docs.get(`${C}.procore.timecard-990100`)?.verdict).toMatchObject({ status: 'in_sync', expected: 384_00, booksAmount: 384_00 });
  });

  it('reads TimeActivity drafts written before labour was costed: nothing to count, nothing wrong', () => {
    const result = given(timecardFlow('990102', '8.00', null));
    expect(row(result, '23-05-00/L')).toBeUndefined();
    expect(result.docs.get(`${C}.procore.timecard-990102`)?.verdict.status).toBe('in_sync');
  });

  it('is pending while the TimeActivity is requested and not yet answered', () => {
    const result = given(timecardFlow('990103', '8.00', 384_00).slice(0, 3));
    expect(row(result, '23-05-00/L')).toMatchObject({ labour: 384_00, posted: 0, books: 0, pending: 1 });
  });
});

describe('reconciliation numbers: the owner side', () => {
  const ductwork = { costCode: '23-31-00', costType: 'S', amount: 58_000_00, retainage: 5_800_00 };
  const insulation = { costCode: '23-07-00', costType: 'S', amount: 19_000_00, retainage: 1_900_00 };

  it('bills the owner per cost code: gross, retainage receivable, what AR carries and what the owner paid', () => {
    const result = given(ownerInvoiceFlow('3301', [ductwork, insulation], 69_300_00, 34_650_00));
    expect(row(result, '23-31-00/S')).toMatchObject({ owner_billed: 58_000_00, owner_retainage: 5_800_00, owner_receivable: 52_200_00, owner_received: 26_100_00, mismatched: 0 });
    expect(row(result, '23-07-00/S')).toMatchObject({ owner_billed: 19_000_00, owner_retainage: 1_900_00, owner_receivable: 17_100_00, owner_received: 8_550_00 });
    expect(result.docs.get(`${C}.procore.owner_invoice-3301`)?.verdict).toMatchObject({ status: 'in_sync', expected: 69_300_00, booksAmount: 69_300_00, paid: 34_650_00 });
  });

  it('is a discrepancy when accounts receivable carry another amount than the net billed', () => {
    const result = given(ownerInvoiceFlow('3302', [ductwork], 50_000_00));
    expect(result.docs.get(`${C}.procore.owner_invoice-3302`)?.verdict).toMatchObject({
      status: 'mismatch', reason: 'amount_differs', expected: 52_200_00, booksAmount: 50_000_00,
    });
  });
});
