import type { BooksFailure } from '../../../domain/books/index.js';
import type { QuickBooksClient } from '../quickbooks-client.js';
import type { QboCall } from './deps.js';
import { idOf } from './written.js';
import { byId, queryEntities } from './qbo-calls.js';
import { failureFrom, permanent } from './qbo-failure.js';

/** Per client (one per connection): reads are metered (facts §9), and the A/P account rarely changes. */
const known = new WeakMap<QuickBooksClient, string>();

/**
 * The A/P account a PurchaseOrder names (APAccountRef is required, facts §2.3; the draft does
 * not carry one, and a bill lets QuickBooks default it): the company's oldest active
 * Accounts Payable account, looked up once per connection.
 */
export const apAccountRef = async (call: QboCall): Promise<{ value: string } | BooksFailure> => {
  const cached = known.get(call.client);
  if (cached) return { value: cached };
  const result = await queryEntities(call.client, 'Account', `AccountType = 'Accounts Payable'`);
  if (!result.ok) return failureFrom(result.error, 'read');
  const account = [...result.body].sort(byId)[0];
  if (!account) return permanent('NO_AP_ACCOUNT', 'the books have no active Accounts Payable account for the PurchaseOrder\'s APAccountRef: add one in QuickBooks');
  known.set(call.client, idOf(account));
  return { value: idOf(account) };
};
