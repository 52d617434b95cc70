import type { Company, StoredEntity } from '../model/company.js';
import { asDocs, asString, type Doc, type EntityName } from '../model/entity-types.js';

/**
 * Payments "apply" to open transactions through `Line[].LinkedTxn`: a BillPayment to Bills
 * (and VendorCredits it uses up), a Payment to Invoices. A target's Balance is its TotalAmt
 * minus what live (not voided) payments apply to it.
 */
export interface Application {
  readonly paymentId: string;
  readonly target: EntityName;
  readonly targetId: string;
  readonly amount: number;
}

const PAYER: Partial<Record<EntityName, EntityName>> = { Bill: 'BillPayment', VendorCredit: 'BillPayment', Invoice: 'Payment' };

/** The applications a payment document makes (its own Id may be absent before it is stored). */
export const applicationsOf = (doc: Doc | undefined): Application[] => {
  if (!doc) return [];
  const paymentId = asString(doc.Id) ?? '';
  return asDocs(doc.Line).flatMap((line) => {
    const link = asDocs(line.LinkedTxn)[0];
    const type = asString(link?.TxnType);
    const targetId = asString(link?.TxnId);
    const target: EntityName | undefined = type === 'Bill' || type === 'VendorCredit' || type === 'Invoice' ? type : undefined;
    if (!target || !targetId || typeof line.Amount !== 'number') return [];
    return [{ paymentId, target, targetId, amount: line.Amount }];
  });
};

/** Live payments that apply to one target, with the amount each applies. */
export const paymentsApplyingTo = (company: Company, target: EntityName, targetId: string): Array<{ payment: StoredEntity; amount: number }> => {
  const payer = PAYER[target];
  if (!payer) return [];
  return company.all(payer)
    .filter((p) => !p.voided)
    .flatMap((payment) => applicationsOf(payment.doc)
      .filter((a) => a.target === target && a.targetId === targetId)
      .map((a) => ({ payment, amount: a.amount })));
};

/** What live payments apply to a target, leaving out one payment (the one being rewritten). */
export const appliedTo = (company: Company, target: EntityName, targetId: string, exceptPaymentId?: string): number =>
  paymentsApplyingTo(company, target, targetId)
    .filter(({ payment }) => String(payment.doc.Id) !== exceptPaymentId)
    .reduce((sum, { amount }) => sum + amount, 0);

/**
 * Re-derives the Balance of every target a payment touched (before and after the write).
 * A changed Balance is a new version of the bill/invoice: SyncToken bumps, webhooks fire.
 */
export const refreshBalances = (company: Company, before: Doc | undefined, after: Doc | undefined): void => {
  const touched = new Map<string, { target: EntityName; targetId: string }>();
  for (const a of [...applicationsOf(before), ...applicationsOf(after)]) touched.set(`${a.target}/${a.targetId}`, a);
  for (const { target, targetId } of touched.values()) {
    const stored = company.get(target, targetId);
    if (!stored || stored.voided) continue;
    const balance = Number(stored.doc.TotalAmt ?? 0) - appliedTo(company, target, targetId);
    if (balance !== stored.doc.Balance) company.replace(stored, { ...stored.doc, Balance: balance });
  }
};
