import { describe, expect, it } from 'vitest';
import { needsApproval } from './approval-queue.js';

describe('what the approval queue holds', () => {
  it('holds writes to the books', () => {
    for (const type of ['PostBillRequested.v1', 'UpdateBillRequested.v1', 'DeleteVendorCreditRequested.v1', 'VoidInvoiceRequested.v1', 'ClosePurchaseOrderRequested.v1']) {
      expect(needsApproval(type, 'quickbooks:9130350000000001'), type).toBe(true);
    }
    expect(needsApproval('PostBillRequested.v1', 'xero:tenant-1')).toBe(true);
  });

  it('lets lookups and resolutions through, and writes to the construction side', () => {
    expect(needsApproval('ResolveVendorRequested.v1', 'quickbooks:1')).toBe(false);
    expect(needsApproval('BooksJobResolutionRequested.v1', 'quickbooks:1')).toBe(false);
    expect(needsApproval('PostPaymentRequested.v1', 'procore:42')).toBe(false);
  });
});
