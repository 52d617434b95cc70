import type { OwnerBillingSettings } from '../../domain/owner-invoices/index.js';

/**
 * The items owner billing posts on, per connection. The mapping document has no place for
 * them (its settings cover cost lines only), so they are configured here until it does.
 * The demo connection posts to the sample QuickBooks company, whose items 21 "Progress
 * Billing" and 22 "Retainage" exist from its seed. Any other connection gets none: its owner
 * invoices park with a message naming the missing items, and change orders skip the Estimate,
 * rather than post to an item id that means something else in that company.
 */
export const OWNER_BILLING_ITEMS: Readonly<Record<string, OwnerBillingSettings>> = {
  demo: { progressItemRef: { value: '21', name: 'Progress Billing' }, retainageItemRef: { value: '22', name: 'Retainage' } },
};

export const ownerBillingFor = (connection: string, configured: Readonly<Record<string, OwnerBillingSettings>> = OWNER_BILLING_ITEMS): OwnerBillingSettings | null =>
  (Object.hasOwn(configured, connection) ? configured[connection] : undefined) ?? null;
