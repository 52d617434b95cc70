import type { Ledger } from '../../domain/budget/cost-ledger.js';

/**
 * Gross billed per commitment, invoice and cost line, from the invoices' own facts: the latest
 * approved version of each invoice counts, a void (or a step back to submitted) takes it out.
 * A durable read model, implemented in src/projections.
 */
export interface InvoicesBilled {
  /**
   * Gross billed on the commitment's approved invoices other than `invoiceId`, so a revision
   * of an invoice never counts against itself (the cumulative over-billing check, `CommittedCost.billedBefore`).
   */
  billedBefore(connection: string, commitmentId: string, invoiceId: string): Promise<Ledger>;
}
