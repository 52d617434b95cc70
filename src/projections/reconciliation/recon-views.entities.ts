import type { RetainageLine } from './retainage-lines.js';
import { ViewColumn, ViewEntity, type ValueTransformer } from 'typeorm';

/** bigint columns come back from pg as text; cents stay well inside the safe-integer range. */
const integer: ValueTransformer = { from: (value: unknown) => (value === null ? null : Number(value)), to: (value: unknown) => value };

const Cents = (name?: string) => ViewColumn({ name, transformer: integer });

/**
 * Readers' side of the reconciliation: views over the active generation's tables (see
 * recon-tables.ts), so a rebuild switches them under the readers without a pause.
 */
@ViewEntity({ name: 'reconciliation_rows', schema: 'projections', synchronize: false })
export class ReconciliationRowView {
  @ViewColumn() connection!: string;
  @ViewColumn({ name: 'project_id' }) projectId!: string;
  @ViewColumn({ name: 'cost_code' }) costCode!: string;
  @ViewColumn({ name: 'cost_type' }) costType!: string;
  @Cents('original_budget') originalBudget!: number;
  @Cents('approved_changes') approvedChanges!: number;
  @Cents('revised_budget') revisedBudget!: number;
  @Cents() committed!: number;
  @Cents() invoiced!: number;
  @Cents() labour!: number;
  @Cents() posted!: number;
  @Cents() books!: number;
  @Cents('books_difference') booksDifference!: number;
  @Cents() paid!: number;
  @Cents('retainage_held') retainageHeld!: number;
  @Cents('retainage_released') retainageReleased!: number;
  @Cents('retainage_paid') retainagePaid!: number;
  @Cents() variance!: number;
  @Cents('owner_billed') ownerBilled!: number;
  @Cents('owner_retainage') ownerRetainage!: number;
  @Cents('owner_net') ownerNet!: number;
  @Cents('owner_received') ownerReceived!: number;
  @Cents('owner_outstanding') ownerOutstanding!: number;
  @Cents('owner_receivable') ownerReceivable!: number;
  @Cents('owner_difference') ownerDifference!: number;
  @ViewColumn() documents!: number;
  @ViewColumn() pending!: number;
  @ViewColumn() mismatched!: number;
  @ViewColumn() quarantined!: number;
  @ViewColumn() status!: string;
}

@ViewEntity({ name: 'reconciliation_documents', schema: 'projections', synchronize: false })
export class ReconciliationDocumentView {
  @ViewColumn() document!: string;
  @ViewColumn() connection!: string;
  @ViewColumn({ name: 'project_id' }) projectId!: string;
  @ViewColumn({ name: 'doc_type' }) docType!: string;
  @ViewColumn({ name: 'external_id' }) externalId!: string;
  @ViewColumn() label!: string;
  @ViewColumn() status!: string;
  @ViewColumn() reason!: string | null;
  @ViewColumn() detail!: string | null;
  @Cents('expected_amount') expectedAmount!: number;
  @Cents('books_amount') booksAmount!: number;
  @Cents() difference!: number;
  @Cents('paid_amount') paidAmount!: number;
  @Cents('net_due') netDue!: number | null;
  @ViewColumn({ name: 'books_entity' }) booksEntity!: string | null;
  @ViewColumn({ name: 'books_id' }) booksId!: string | null;
  @ViewColumn({ name: 'cost_codes' }) costCodes!: string[];
  @ViewColumn({ name: 'updated_at' }) updatedAt!: Date;
  /** Subcontractor invoices: the commitment they bill against. */
  @ViewColumn({ name: 'commitment_id' }) commitmentId!: string | null;
  /** Subcontractor invoices: retainage per line (RetainageLine[], cents); null for anything else. */
  @ViewColumn() retainage!: RetainageLine[] | null;
}
