import { describe, expect, it } from 'vitest';
import { CompanyPreferences } from '../../src/adapters/quickbooks/company-preferences.js';
import { dominantClass, placeClasses } from '../../src/adapters/quickbooks/outbound/class-placement.js';
import type { QuickBooksClient } from '../../src/adapters/quickbooks/quickbooks-client.js';

const line = (amount: number, classId?: string) => ({
  Amount: amount, DetailType: 'SalesItemLineDetail',
  SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: amount, ...(classId ? { ClassRef: { value: classId } } : {}) },
});
const estimate = { CustomerRef: { value: '59' }, Line: [line(100, 'A'), line(250.5, 'B'), line(200, 'A'), { Description: 'note', DetailType: 'DescriptionOnly', DescriptionLineDetail: {} }] };

describe('placeClasses', () => {
  it('per line: lines keep their classes and the transaction gets none', () => {
    expect(placeClasses('Estimate', { ...estimate, ClassRef: { value: 'A' } }, { perTxn: false, perLine: true })).toEqual(estimate);
  });

  it('per transaction: the class of most of the amount (A: 300.00 over B: 250.50) on the transaction, none on lines', () => {
    const placed = placeClasses('Estimate', estimate, { perTxn: true, perLine: false });
    expect(placed.ClassRef).toEqual({ value: 'A' });
    expect(JSON.stringify(placed.Line)).not.toContain('ClassRef');
    expect(placeClasses('Invoice', { ...estimate, ClassRef: { value: 'B' } }, { perTxn: true, perLine: false }).ClassRef).toEqual({ value: 'B' });
    // A Bill has no transaction class: per transaction only, its classes have nowhere to go.
    expect(placeClasses('Bill', estimate, { perTxn: true, perLine: false })).not.toHaveProperty('ClassRef');
  });

  it('a TimeActivity keeps its ClassRef when the company tracks classes either way, loses it when it tracks none', () => {
    const time = { NameOf: 'Employee', Hours: 2, ClassRef: { value: 'A' } };
    expect(placeClasses('TimeActivity', time, { perTxn: true, perLine: false })).toEqual(time);
    expect(placeClasses('TimeActivity', time, { perTxn: false, perLine: true })).toEqual(time);
    expect(placeClasses('TimeActivity', time, { perTxn: false, perLine: false })).toEqual({ NameOf: 'Employee', Hours: 2 });
  });

  it('ties go to the first class seen; no classed line means no class', () => {
    expect(dominantClass([line(10, 'X'), line(10, 'Y')])).toEqual({ value: 'X' });
    expect(dominantClass([line(10)])).toBeUndefined();
  });
});

describe('CompanyPreferences', () => {
  it('reads a realm\'s Preferences once, again after the time to live or forget, and keeps realms apart', async () => {
    let now = 0;
    const reads: string[] = [];
    const client = (realmId: string, perLine: boolean) => ({
      realmId,
      send: async () => {
        reads.push(realmId);
        return { ok: true, status: 200, headers: new Headers(), body: { Preferences: { AccountingInfoPrefs: { ClassTrackingPerTxn: !perLine, ClassTrackingPerLine: perLine } } } };
      },
    }) as unknown as QuickBooksClient;
    const preferences = new CompanyPreferences(1000, () => now);
    const a = client('A', true);
    expect(await preferences.classTracking(a)).toMatchObject({ ok: true, body: { perTxn: false, perLine: true } });
    expect(await preferences.classTracking(a)).toMatchObject({ ok: true, body: { perLine: true } });
    expect(await preferences.classTracking(client('B', false))).toMatchObject({ ok: true, body: { perTxn: true, perLine: false } });
    expect(reads).toEqual(['A', 'B']);
    now = 1000;
    await preferences.classTracking(a);
    preferences.forget('A');
    await preferences.classTracking(a);
    expect(reads).toEqual(['A', 'B', 'A', 'A']);
  });
});
