/**
 * Webhook resource names served by GET /rest/v1.0/webhooks/resources. Only "Work Order
 * Contracts" and "Company Vendors" appear in Procore's docs (facts §6.1); every other name
 * here is UNCONFIRMED, chosen to match Procore's plural Title Case style. A hub must read
 * them from the resources endpoint rather than hard-code them.
 */
export const RESOURCE = {
  projects: 'Projects', // UNCONFIRMED
  vendors: 'Company Vendors', // documented; company-level, so events carry no project_id
  costCodes: 'Cost Codes', // UNCONFIRMED
  workOrderContracts: 'Work Order Contracts', // documented
  purchaseOrderContracts: 'Purchase Order Contracts', // UNCONFIRMED
  commitmentChangeOrders: 'Commitment Change Orders', // UNCONFIRMED
  primeChangeOrders: 'Prime Change Orders', // UNCONFIRMED
  primeContracts: 'Prime Contracts', // UNCONFIRMED
  requisitions: 'Requisitions', // UNCONFIRMED
  paymentApplications: 'Payment Applications', // UNCONFIRMED
  contractPayments: 'Contract Payments', // UNCONFIRMED
  budgetLineItems: 'Budget Line Items', // UNCONFIRMED
  timecardEntries: 'Timecard Entries', // UNCONFIRMED
} as const;

export type ResourceName = (typeof RESOURCE)[keyof typeof RESOURCE];
export const RESOURCE_NAMES: readonly ResourceName[] = Object.values(RESOURCE);
export const isResourceName = (value: unknown): value is ResourceName =>
  typeof value === 'string' && (RESOURCE_NAMES as readonly string[]).includes(value);

export const EVENT_TYPES = ['create', 'update', 'delete'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
