import { describe, expect, it } from 'vitest';
import { invoiceFlow, type FlowEvent } from '../../bench/replay/invoice-flow.js';
import { retainageLinesOf } from '../../src/projections/reconciliation/retainage-lines.js';
import { retainageByCommitment, type RetainageInvoice } from '../../src/projections/reconciliation/retainage-report.js';
import { NUMBERS_PROJECT as P } from './numbers-flows.js';
import { foldAll, recorded } from './recorded.js';

const C = 'acme';
const duct = { costCode: '23-31-00', costType: 'S', amount: 50_000_00, retainage: 5_000_00 };
const insulation = { costCode: '23-07-00', costType: 'S', amount: 10_000_00, retainage: 1_000_00 };

/** The invoices as the report reads them from the documents the fold stored. */
const given = (...flows: FlowEvent[][]) => {
  const result = foldAll(recorded(flows.flat()));
  const invoices: RetainageInvoice[] = [...result.docs.values()].map(({ doc, verdict }) => ({
    document: doc.key, connection: doc.connection, projectId: doc.construction?.projectId ?? '', commitmentId: doc.construction?.commitmentId ?? null,
    paidAmount: verdict.paid, retainage: retainageLinesOf(doc),
  })).filter((i) => i.retainage.length > 0);
  return { rows: result.rows, report: retainageByCommitment(invoices, new Map([[`${C}\u001f786001`, 'Commitment NSM-SC-01 Ductwork']])) };
};

describe('retainage per commitment', () => {
  // 786001: two requisitions hold 5,000.00 each; the third bills 20,000.00, retains 2,000.00, releases 10,000.00 and is paid its net due.
  const release = { costCode: '23-31-00', costType: 'S', amount: 20_000_00, retainage: 2_000_00 - 10_000_00, released: 10_000_00 };
  const story = () => [
    invoiceFlow({ connection: C, projectId: P, invoiceId: '2201', lines: [duct], paid: 45_000_00 }),
    invoiceFlow({ connection: C, projectId: P, invoiceId: '2202', lines: [duct, insulation], paid: 54_000_00 }),
    invoiceFlow({ connection: C, projectId: P, invoiceId: '2203', lines: [release], paid: 28_000_00 }),
    // 786002: paid in full, its retainage never released.
    invoiceFlow({ connection: C, projectId: P, invoiceId: '2301', commitmentId: '786002', lines: [duct], paid: 50_000_00 }),
  ];

  it('sums held, released, paid and outstanding per commitment and per cost code within it', () => {
    const [first, second] = given(...story()).report;
    expect(first).toMatchObject({
      commitmentId: '786001', label: 'Commitment NSM-SC-01 Ductwork', invoices: 3,
      retained: 13_000_00, released: 10_000_00, held: 3_000_00, paid: 10_000_00, paidBeforeRelease: 0, outstanding: 3_000_00, discrepancies: [],
    });
    expect(first?.costCodes.map((l) => [l.costCode, l.retained, l.released, l.held, l.paid, l.outstanding])).toEqual([
      ['23-07-00', 1_000_00, 0, 1_000_00, 0, 1_000_00],
      ['23-31-00', 12_000_00, 10_000_00, 2_000_00, 10_000_00, 2_000_00],
    ]);
    expect(second).toMatchObject({ commitmentId: '786002', label: 'Commitment 786002', retained: 5_000_00, held: 0, paid: 5_000_00, paidBeforeRelease: 5_000_00, outstanding: 0 });
  });

  it('names a commitment paid over its net due, and its retainage paid before release, with both amounts', () => {
    const [first, second] = given(...story()).report;
    expect(first?.discrepancies).toEqual([]);
    expect(first).toMatchObject({ netDue: 127_000_00, paidAmount: 127_000_00 });
    const invoice = `${C}.procore.subcontractor_invoice-2301`;
    expect(second?.discrepancies).toEqual([
      { reason: 'paid_over_net_due', detail: 'paid 50000.00 against a net due of 45000.00', paid: 50_000_00, due: 45_000_00, documents: [invoice] },
      { reason: 'retainage_paid_before_release', detail: 'retainage 5000.00 paid, 0.00 released: 5000.00 paid before its release', paid: 5_000_00, due: 0, documents: [invoice] },
    ]);
  });

  it('counts released retainage paid on an earlier bill that holds it open as paid on release, not before it', () => {
    // Gross-open: 2402 releases 5,000.00 and is paid its work net of retainage; the release is paid on 2401, which holds it open.
    const releasing = { costCode: '23-31-00', costType: 'S', amount: 1_000_00, retainage: 100_00 - 5_000_00, released: 5_000_00 };
    const [commitment] = given(
      // With a schedule-of-values line not billed that period: no retainage on it, so no row.
      invoiceFlow({ connection: C, projectId: P, invoiceId: '2401', commitmentId: '786003', lines: [duct, { costCode: '23-33-00', costType: 'S', amount: 0, retainage: 0 }], paid: 50_000_00 }),
      invoiceFlow({ connection: C, projectId: P, invoiceId: '2402', commitmentId: '786003', lines: [releasing], paid: 900_00 }),
    ).report;
    expect(commitment).toMatchObject({
      commitmentId: '786003', retained: 5_100_00, released: 5_000_00, held: 100_00, paid: 5_000_00, paidBeforeRelease: 0, outstanding: 100_00,
      netDue: 50_900_00, paidAmount: 50_900_00, discrepancies: [],
    });
    expect(commitment?.costCodes.map((l) => l.costCode)).toEqual(['23-31-00']);
  });

  it('adds up over the commitments to the reconciliation rows\' retainage columns', () => {
    const { rows, report } = given(...story());
    const byCode = (code: string) => report.flatMap((c) => c.costCodes).filter((l) => l.costCode === code);
    for (const [code, row] of [['23-31-00', rows.get(`${C}:${P}/23-31-00/S`)], ['23-07-00', rows.get(`${C}:${P}/23-07-00/S`)]] as const) {
      const lines = byCode(code);
      expect([lines.reduce((s, l) => s + l.held, 0), lines.reduce((s, l) => s + l.released, 0), lines.reduce((s, l) => s + l.paidBeforeRelease, 0)])
        .toEqual([row?.retainage_held, row?.retainage_released, row?.retainage_paid]);
    }
  });
});
