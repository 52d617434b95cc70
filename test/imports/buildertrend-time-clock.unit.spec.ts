import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TimecardSnapshot } from '../../src/domain/documents/snapshots.js';
import { NO_SETTINGS } from '../../src/adapters/imports/import-kind.js';
import { readTable } from '../../src/adapters/imports/tabular-file.js';
import { BUILDERTREND_TIME_CLOCK } from '../../src/adapters/buildertrend/time-clock-kind.js';

const FILE = fileURLToPath(new URL('../../sandbox/sample/files/buildertrend-time-clock-riverside.csv', import.meta.url));
const ctx = { projectId: '2468013', at: '2026-12-04T14:00:00.000Z', settings: NO_SETTINGS };

describe('a Buildertrend Time Clock export', () => {
  it('reads one timecard per shift; a repeated row is the same shift, counted once', async () => {
    const reading = BUILDERTREND_TIME_CLOCK.read(await readTable(readFileSync(FILE)), ctx);
    expect(reading.problems).toEqual([]);
    const cards = reading.documents.map((d) => d.snapshot as TimecardSnapshot);
    expect(cards.map((c) => [c.employeeName, c.date, c.hours, c.costCode, c.costType, c.approvalStatus])).toEqual([
      ['Maria Lopez', '2026-03-02', '8.00', '22-11-00', 'L', 'approved'],
      ['Maria Lopez', '2026-03-03', '4.50', '22-11-00', 'L', 'approved'],
      ['Dan Whitfield', '2026-03-02', '8.00', '23-05-00', 'L', 'approved'],
      ['Dan Whitfield', '2026-03-03', '6.25', '23-05-00', 'L', 'pending'],
    ]);
    expect(reading.held).toEqual([{ row: 6, column: 'User', message: 'the same shift as row 2: counted once' }]);
    expect(new Set(reading.documents.map((d) => d.externalId)).size).toBe(4);
    expect(cards[0]!.employeeId).toBe(cards[1]!.employeeId);
  });

  it('names the row and column of a bad date, hours or status', async () => {
    const text = 'User,Date,Total Time,Cost Code,Status\nAnn,13/45/2026,8,22-11-00,Approved\nBo,3/2/2026,eight,22-11-00,Approved\nCy,3/2/2026,8,22-11-00,Maybe\n';
    const reading = BUILDERTREND_TIME_CLOCK.read(await readTable(Buffer.from(text)), ctx);
    expect(reading.problems.map((p) => [p.row, p.column])).toEqual([[2, 'Date'], [3, 'Total Time'], [4, 'Status']]);
    expect(reading.documents).toEqual([]);
  });
});
