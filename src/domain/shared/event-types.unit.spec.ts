import { describe, expect, it } from 'vitest';
import { INVOICE_DOCUMENT_EVENTS, INVOICE_OUTCOMES, INVOICE_SYNC_INPUTS } from '../invoice-sync/invoice-sync.event-types.js';
import type { BooksOutcome, InvoiceSyncInput } from '../invoice-sync/invoice-sync.inputs.js';
import { everyType, isTypeIn } from './event-types.js';

/**
 * The compile-time half is checked by `tsc` (npm run typecheck): each @ts-expect-error below
 * fails the typecheck if the line it marks ever compiles, i.e. if a typo'd or forgotten type
 * in a routing list stopped being an error.
 */
describe('typed routing lists', () => {
  it('refuses a typo in a list checked with satisfies, and in a keyed table', () => {
    // @ts-expect-error 'BooksVendorResolve.v1' is not an outcome
    const typo = ['BooksVendorResolve.v1', 'BillPosted.v1'] satisfies readonly BooksOutcome['type'][];
    // @ts-expect-error 'BillPostd.v1' is not an outcome
    const keyed = { 'BillPostd.v1': 'billId' } satisfies Partial<Record<BooksOutcome['type'], string>>;
    expect([typo, keyed]).toHaveLength(2);
  });

  it('refuses a list that leaves out a type of its union, or adds one not in it', () => {
    const inputs = everyType<InvoiceSyncInput['type']>();
    // @ts-expect-error SyncRetryRequested.v1 is missing
    const missing = inputs([...INVOICE_DOCUMENT_EVENTS, ...INVOICE_OUTCOMES, 'MappingChanged.v1']);
    // @ts-expect-error 'InvoiceSyncRetryRequested.v1' is not an input any more (read as SyncRetryRequested.v1)
    const extra = inputs([...INVOICE_SYNC_INPUTS, 'InvoiceSyncRetryRequested.v1']);
    expect([missing, extra]).toHaveLength(2);
  });

  it('asks a typed list about any stored type', () => {
    expect(isTypeIn(INVOICE_OUTCOMES, 'BillPosted.v1')).toBe(true);
    expect(isTypeIn(INVOICE_OUTCOMES, 'BillPostd.v1')).toBe(false);
    expect(INVOICE_SYNC_INPUTS).toContain('SyncRetryRequested.v1');
  });
});
