import type { EntityName } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';
import { accountRules, classRules, itemRules } from './catalog.js';
import { checkReferences, maxLength, oneOf, requireField, txnDates } from './common.js';
import type { EntityRules } from './context.js';
import { customerRules, employeeRules, vendorRules } from './parties.js';
import { termRules } from './terms.js';
import { billPaymentRules, paymentRules } from './payments.js';
import {
  billRules, estimateRules, invoiceRules, purchaseOrderRules, vendorCreditRules,
} from './transactions.js';

/** Hours worked by an employee or a vendor, optionally billable to a job (facts §2.12). */
const timeActivityRules: EntityRules = {
  canDelete: true,
  canVoid: false,
  prepare(ctx, doc) {
    requireField(doc, 'NameOf');
    oneOf(doc, 'NameOf', ['Employee', 'Vendor']);
    requireField(doc, doc.NameOf === 'Employee' ? 'EmployeeRef' : 'VendorRef');
    const hasHours = doc.Hours !== undefined || doc.Minutes !== undefined;
    const hasSpan = doc.StartTime !== undefined && doc.EndTime !== undefined;
    if (!hasHours && !hasSpan) throw errors.required('Hours');
    oneOf(doc, 'BillableStatus', ['Billable', 'NotBillable', 'HasBeenBilled']);
    if (doc.BillableStatus === 'HasBeenBilled') throw errors.enumeration('BillableStatus', 'HasBeenBilled');
    if (doc.BillableStatus === 'Billable') requireField(doc, 'HourlyRate');
    maxLength(doc, 'Description', 4000);
    txnDates(ctx, doc);
    checkReferences(ctx.company, doc);
    return { ...doc, BillableStatus: doc.BillableStatus ?? 'NotBillable', Taxable: doc.Taxable ?? false };
  },
};

export const RULES: Readonly<Record<EntityName, EntityRules>> = {
  Account: accountRules,
  Item: itemRules,
  Class: classRules,
  Term: termRules,
  Vendor: vendorRules,
  Customer: customerRules,
  Employee: employeeRules,
  Bill: billRules,
  VendorCredit: vendorCreditRules,
  Invoice: invoiceRules,
  PurchaseOrder: purchaseOrderRules,
  Estimate: estimateRules,
  TimeActivity: timeActivityRules,
  BillPayment: billPaymentRules,
  Payment: paymentRules,
};
