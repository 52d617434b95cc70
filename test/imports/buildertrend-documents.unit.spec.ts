import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ChangeOrderSnapshot, CommitmentSnapshot, SubcontractorInvoiceSnapshot } from '../../src/domain/documents/snapshots.js';
import { NO_SETTINGS } from '../../src/adapters/imports/import-kind.js';
import { readTable } from '../../src/adapters/imports/tabular-file.js';
import { BUILDERTREND_BILLS_POS } from '../../src/adapters/buildertrend/bills-pos-kind.js';
import { BUILDERTREND_CHANGE_ORDERS } from '../../src/adapters/buildertrend/change-orders-kind.js';

const file = (name: string) => readFileSync(fileURLToPath(new URL(`../../sandbox/sample/files/${name}`, import.meta.url)));
const ctx = { projectId: '2468013', at: '2026-12-04T14:00:00.000Z', settings: NO_SETTINGS };

describe('a Buildertrend Bills/POs export', () => {
  it('reads bills as subcontractor invoices and purchase orders as commitments, one line per row; a repeated row is counted once', async () => {
    const reading = BUILDERTREND_BILLS_POS.read(await readTable(file('buildertrend-bills-pos-riverside.csv')), ctx);
    expect(reading.problems).toEqual([]);
    const pos = reading.documents.filter((d) => d.type === 'commitment').map((d) => d.snapshot as CommitmentSnapshot);
    expect(pos.map((p) => [p.number, p.vendorName, p.status, p.total, p.lines.length])).toEqual([
      ['RMO-PO-001', 'Summit Insulation Inc', 'approved', 6400000, 1],
      ['RMO-PO-002', 'Apex Controls Co', 'approved', 4275000, 2],
    ]);
    const bills = reading.documents.filter((d) => d.type === 'subcontractor_invoice').map((d) => d.snapshot as SubcontractorInvoiceSnapshot);
    expect(bills.map((b) => [b.invoiceNumber, b.vendorName, b.status, b.billingDate, b.grossAmount, b.netAmount, b.commitmentId])).toEqual([
      ['SI-2301', 'Summit Insulation Inc', 'approved', '2026-03-06', 1600000, 1600000, '2468013:RMO-PO-001'],
      ['APX-118', 'Apex Controls Co', 'approved', '2026-03-09', 1068750, 1068750, '2468013:RMO-PO-002'],
      ['APX-121', 'Apex Controls Co', 'draft', '2026-03-12', 400000, 400000, '2468013:RMO-PO-002'],
    ]);
    expect(bills[1]!.lines.map((l) => [l.lineId, l.costCode, l.costType, l.amount])).toEqual([
      ['23-09-00:S:1', '23-09-00', 'S', 962500], ['23-09-00:M:1', '23-09-00', 'M', 106250],
    ]);
    expect(reading.held).toEqual([{ row: 9, column: 'Amount', message: 'the same line as row 5: counted once' }]);
    // The same vendor on two bills is one vendor id; bill ids carry the vendor, PO ids the number.
    expect(bills[1]!.vendorId).toBe(bills[2]!.vendorId);
    expect(reading.documents.map((d) => d.externalId)).toContain('2468013:RMO-PO-001');
  });

  it('names the row and column of an unknown type, a bad amount, a missing cost code, a bad date and a status that differs between lines', async () => {
    const text = [
      'Type,Number,Vendor,Date,Status,Cost Code,Amount',
      'Invoice,X-1,Ann,3/2/2026,Open,23-07-00,$5.00',
      'Bill,X-2,Bo,3/2/2026,Open,23-07-00,five',
      'Bill,X-3,Cy,3/2/2026,Open,,$5.00',
      'Bill,X-4,Di,3/32/2026,Open,23-07-00,$5.00',
      'Bill,X-5,Ed,3/2/2026,Open,23-07-00,$5.00',
      'Bill,X-5,Ed,3/2/2026,Paid,23-31-00,$5.00',
      'Bill,X-6,Fa,3/2/2026,Maybe,23-31-00,$5.00',
    ].join('\n');
    const reading = BUILDERTREND_BILLS_POS.read(await readTable(Buffer.from(text)), ctx);
    expect(reading.problems.map((p) => [p.row, p.column])).toEqual([[2, 'Type'], [3, 'Amount'], [4, 'Cost Code'], [5, 'Date'], [7, 'Status'], [8, 'Status']]);
    expect(reading.documents).toEqual([]);
  });

  it('refuses a file without the columns it needs, naming them', async () => {
    const reading = BUILDERTREND_BILLS_POS.read(await readTable(Buffer.from('Number,Vendor,Amount\nX-1,Ann,$5.00\n')), ctx);
    expect(reading.problems.map((p) => p.column)).toEqual(['Type', 'Date', 'Status', 'Cost Code']);
  });
});

describe('a Buildertrend Change Orders export', () => {
  it('reads client change orders as prime change orders on the job', async () => {
    const reading = BUILDERTREND_CHANGE_ORDERS.read(await readTable(file('buildertrend-change-orders-riverside.csv')), ctx);
    expect(reading.problems).toEqual([]);
    const cos = reading.documents.map((d) => [d.type, d.externalId, d.snapshot as ChangeOrderSnapshot] as const);
    expect(cos.map(([type, id, s]) => [type, id, s.kind, s.contractId, s.status, s.total, s.lines.map((l) => `${l.costCode} ${l.costType}`)])).toEqual([
      ['prime_change_order', '2468013:CO-001', 'prime', '2468013', 'approved', 815000, ['23-31-00 S', '23-07-00 S']],
      ['prime_change_order', '2468013:CO-002', 'prime', '2468013', 'pending', 320000, ['23-37-00 S']],
    ]);
  });

  it('names the row of a status it does not know', async () => {
    const reading = BUILDERTREND_CHANGE_ORDERS.read(await readTable(Buffer.from('ID#,Approval Status,Cost Code,Client Price\nCO-9,Perhaps,23-31-00,$1.00\n')), ctx);
    expect(reading.problems.map((p) => [p.row, p.column])).toEqual([[2, 'Approval Status']]);
  });
});
