import { randomUUID } from 'node:crypto';
import { isObject, readString, type Json } from './support/json.js';
import { failed, type Outcome } from './support/outcome.js';
import { emptyOrganisation, userNamed } from './org/seed.js';
import { UnitOfWork, type Organisation } from './org/organisation.js';
import type { InvoiceRec } from './org/model.js';
import { invoiceView } from './invoices/invoice-view.js';
import { upsertInvoice } from './invoices/invoice-rules.js';
import { contactView } from './contacts/contact-view.js';
import { paymentView } from './payments/payment-view.js';
import { ledgerView } from './documents/ledger-view.js';
import { CREDIT_NOTES, PURCHASE_ORDERS, QUOTES } from './documents/ledger-rules.js';
import { createPayment } from './payments/payment-rules.js';
import { DEFAULT_SCOPES, type TokenAuthority, type TokenSet } from './auth/tokens.js';
import type { XeroLimitOptions, XeroLimits } from './traffic/limits.js';
import type { XeroWebhooks } from './webhooks/publisher.js';
import type { ItrOptions, ItrResult } from './webhooks/intent-to-receive.js';

export interface StateParts {
  readonly tenants: Map<string, Organisation>;
  readonly defaultTenantId: string;
  readonly tokens: TokenAuthority;
  readonly clientId: string;
  readonly limits: XeroLimits;
  readonly webhooks: XeroWebhooks;
  readonly now: () => number;
}

export interface ConsentOptions {
  readonly scopes?: readonly string[];
  readonly tenantIds?: readonly string[];
  readonly redirectUri?: string;
}

/** A hand-made payment, as a user would record it in Xero's UI. */
export interface ManualPayment {
  readonly InvoiceID: string;
  readonly Amount: number;
  readonly AccountCode?: string;
  readonly Date?: string;
  readonly Reference?: string;
}

export type HandResult = { readonly ok: true; readonly object: Json } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * The programmatic admin API (the `/_sandbox` routes call the same methods): inspect a
 * tenant, change it by hand as a Xero user would (with webhooks, as the real UI fires
 * them), mint tokens without a browser, run Intent to Receive.
 */
export class XeroSandboxState {
  constructor(private readonly parts: StateParts) {}

  get tenantId(): string {
    return this.parts.defaultTenantId;
  }

  tenantIds(): string[] {
    return [...this.parts.tenants.keys()];
  }

  /** A new empty organisation; only consents given after this include it. */
  addTenant(name: string, tenantId: string = randomUUID()): string {
    this.parts.tenants.set(tenantId.toLowerCase(), emptyOrganisation(tenantId.toLowerCase(), name, this.parts.now()));
    return tenantId.toLowerCase();
  }

  organisation(tenantId = this.tenantId): Organisation {
    const org = this.parts.tenants.get(tenantId.toLowerCase());
    if (!org) throw new Error(`No tenant ${tenantId}`);
    return org;
  }

  invoices(tenantId?: string): Json[] {
    const org = this.organisation(tenantId);
    return [...org.data.invoices.values()].map((i) => invoiceView(i, org));
  }

  contacts(tenantId?: string): Json[] {
    return [...this.organisation(tenantId).data.contacts.values()].map(contactView);
  }

  creditNotes(tenantId?: string): Json[] {
    const org = this.organisation(tenantId);
    return [...org.data.creditNotes.values()].map((d) => ledgerView(d, CREDIT_NOTES, org));
  }

  purchaseOrders(tenantId?: string): Json[] {
    const org = this.organisation(tenantId);
    return [...org.data.purchaseOrders.values()].map((d) => ledgerView(d, PURCHASE_ORDERS, org));
  }

  quotes(tenantId?: string): Json[] {
    const org = this.organisation(tenantId);
    return [...org.data.quotes.values()].map((d) => ledgerView(d, QUOTES, org));
  }

  payments(tenantId?: string): Json[] {
    const org = this.organisation(tenantId);
    return [...org.data.payments.values()].map((p) => paymentView(p, org));
  }

  /** The organisation's users (Settings → Users): who may log time in Projects. */
  users(tenantId?: string): Json[] {
    return [...this.organisation(tenantId).data.users.values()].map((u) => ({ ...u }));
  }

  /** Invites a user by hand ("First Last"); answers their UserID (also their Projects userId). */
  addUser(name: string, email: string, tenantId?: string): string {
    const org = this.organisation(tenantId);
    const user = userNamed(org.tenantId, name, email);
    org.data.users.set(user.UserID, user);
    return user.UserID;
  }

  recordPayment(payment: ManualPayment, tenantId?: string): HandResult {
    const body = {
      Invoice: { InvoiceID: payment.InvoiceID }, Account: { Code: payment.AccountCode ?? this.bankCode(tenantId) },
      Amount: payment.Amount, Date: payment.Date, Reference: payment.Reference,
    };
    return this.change(tenantId, (uow) => createPayment(body, uow), (p, org) => paymentView(p, org));
  }

  /** Edits an invoice by hand; the same rules as the API apply (a paid invoice stays locked). */
  editInvoice(invoiceId: string, patch: Json, tenantId?: string): HandResult {
    const edit = (uow: UnitOfWork): Outcome<InvoiceRec> => {
      if (!isObject(patch)) return failed('The patch must be an object.');
      if (!uow.org.data.invoices.has(invoiceId.toLowerCase())) return failed(`Invoice '${invoiceId}' could not be found.`);
      return upsertInvoice({ ...patch, InvoiceID: invoiceId }, uow, { unitDp: 4, method: 'POST', forcedId: invoiceId });
    };
    return this.change(tenantId, edit, (i, org) => invoiceView(i, org));
  }

  authorizationCode(options: ConsentOptions = {}): string {
    const { tokens, clientId } = this.parts;
    return tokens.authorize(clientId, options.tenantIds ?? this.tenantIds(), options.scopes ?? DEFAULT_SCOPES, { redirectUri: options.redirectUri });
  }

  /** Consent and code exchange in one step, for tests that don't drive a browser. */
  async issueTokens(options: ConsentOptions = {}): Promise<TokenSet> {
    const result = await this.parts.tokens.exchangeCode(this.parts.clientId, this.authorizationCode(options), options.redirectUri);
    if ('error' in result) throw new Error(result.error);
    return result;
  }

  runIntentToReceive(url: string, options?: ItrOptions): Promise<ItrResult> {
    return this.parts.webhooks.runIntentToReceive(url, options);
  }

  setLimits(limits: XeroLimitOptions): void {
    this.parts.limits.configure(limits);
  }

  private bankCode(tenantId?: string): string {
    return [...this.organisation(tenantId).data.accounts.values()].find((a) => a.Type === 'BANK')?.Code ?? '';
  }

  private change<T>(tenantId: string | undefined, apply: (uow: UnitOfWork) => Outcome<T>, view: (record: T, org: Organisation) => Json): HandResult {
    const org = this.organisation(tenantId);
    const before = org.snapshot();
    const uow = new UnitOfWork(org, this.parts.now());
    const outcome = apply(uow);
    if (!outcome.ok) {
      org.restore(before);
      return { ok: false, errors: outcome.errors };
    }
    this.parts.webhooks.publish(org.tenantId, uow.changes);
    return { ok: true, object: view(outcome.record, org) };
  }
}

/** Reads a ManualPayment from an admin request body. */
export const manualPayment = (body: unknown): ManualPayment | undefined => {
  if (!isObject(body) || typeof body.Amount !== 'number') return undefined;
  const invoiceId = readString(body, 'InvoiceID');
  if (!invoiceId) return undefined;
  return { InvoiceID: invoiceId, Amount: body.Amount, AccountCode: readString(body, 'AccountCode'), Date: readString(body, 'Date'), Reference: readString(body, 'Reference') };
};
