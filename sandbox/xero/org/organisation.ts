import { randomUUID } from 'node:crypto';
import { dayOf } from '../support/dates.js';
import { sameText } from '../support/json.js';
import type { AccountRec, Change, ChangeCategory, ContactRec, InvoiceRec, OrgData, TrackingCategoryRec } from './model.js';

/** One Xero organisation (a tenant): its data plus the lookups the rules need. */
export class Organisation {
  data: OrgData = {
    accounts: new Map(), tracking: new Map(), contacts: new Map(), invoices: new Map(), payments: new Map(), creditNotes: new Map(), purchaseOrders: new Map(), quotes: new Map(), users: new Map(),
    nextInvoiceNumber: 1, nextCreditNoteNumber: 1, nextPurchaseOrderNumber: 1, nextQuoteNumber: 1,
  };

  constructor(readonly tenantId: string, readonly name: string, readonly createdMs: number) {}

  snapshot(): OrgData {
    return structuredClone(this.data);
  }

  restore(data: OrgData): void {
    this.data = data;
  }

  accountByCode(code: string): AccountRec | undefined {
    return [...this.data.accounts.values()].find((a) => a.Code === code);
  }

  activeContactNamed(name: string, exceptId?: string): ContactRec | undefined {
    return [...this.data.contacts.values()].find((c) => c.ContactStatus === 'ACTIVE' && c.ContactID !== exceptId && sameText(c.Name, name));
  }

  contactByNumber(number: string): ContactRec | undefined {
    return [...this.data.contacts.values()].find((c) => c.ContactNumber === number);
  }

  trackingNamed(name: string): TrackingCategoryRec | undefined {
    return [...this.data.tracking.values()].find((t) => t.Status === 'ACTIVE' && sameText(t.Name, name));
  }

  invoiceByIdOrNumber(key: string): InvoiceRec | undefined {
    return this.data.invoices.get(key.toLowerCase())
      ?? [...this.data.invoices.values()].find((i) => i.InvoiceNumber !== undefined && i.InvoiceNumber === key);
  }
}

/** One write request's working set: the organisation, the request time and what changed (for webhooks). */
export class UnitOfWork {
  readonly changes: Change[] = [];

  constructor(readonly org: Organisation, readonly nowMs: number) {}

  get today(): string {
    return dayOf(this.nowMs);
  }

  newId(): string {
    return randomUUID();
  }

  changed(category: ChangeCategory, type: 'CREATE' | 'UPDATE', id: string): void {
    const seen = this.changes.some((c) => c.category === category && c.id === id && (c.type === type || c.type === 'CREATE'));
    if (!seen) this.changes.push({ category, type, id });
  }
}
