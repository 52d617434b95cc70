import { ApiProperty } from '@nestjs/swagger';
import { formatMoney, type Cents } from '../../domain/shared/money.js';
import type { JobCostLine, OwnerBillingLine } from '../../projections/reconciliation/recon-queries.js';
import type { ReconciliationDocumentView, ReconciliationRowView } from '../../projections/reconciliation/recon-views.entities.js';
import { PageInfo } from '../shared/paging.dto.js';
import { REASONS, ROW_STATUSES } from './finance-query.dto.js';

/** Money leaves the API as decimal strings with two places ("1234.50"): exact, never a float. */
export const money = (cents: number): string => formatMoney(cents as Cents);

const Money = (description: string) => ApiProperty({ type: String, example: '1234.50', description });

export class ReconciliationRowDto {
  @ApiProperty() connection!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty() costCode!: string;
  @ApiProperty({ description: "Cost type code; '' when the source has none" }) costType!: string;
  @Money('Original budget') originalBudget!: string;
  @Money('Approved budget changes') approvedChanges!: string;
  @Money('Original budget plus approved changes') revisedBudget!: string;
  @Money('Approved commitments and commitment change orders') committed!: string;
  @Money('Approved subcontractor invoices at gross, net of voids and revisions') invoiced!: string;
  @Money('Approved time at each employee\'s hourly cost rate in the books (hours × CostRate)') labour!: string;
  @Money('The hub\'s side: job cost the hub posted to the books (bills less vendor credits, time activities), as it wrote it') posted!: string;
  @Money('The books\' side: what those postings amount to in the books now (hand edits and deletions included)') books!: string;
  @Money('books − posted: changed in the books by hand since the hub wrote it') booksDifference!: string;
  @Money('Bill payments recorded in the books, spread over each bill\'s cost lines') paid!: string;
  @Money('Retainage withheld on approved invoices and not yet paid') retainageHeld!: string;
  @Money('Retainage released on approved subcontractor invoices (Procore\'s released this period), payable once released') retainageReleased!: string;
  @Money('Retainage paid in the books: payments beyond an invoice\'s net due (a discrepancy while it is not released)') retainagePaid!: string;
  @Money('invoiced + labour − books: construction cost not (yet) in the books; negative when the books carry more') variance!: string;
  @ApiProperty({ enum: ROW_STATUSES, description: "The row's worst document: mismatch, then quarantined, then pending" }) status!: string;
  @Money('Owner side: billed to the owner at gross (see /finance/owner-billing)') ownerBilled!: string;
  @Money('Owner side: retainage receivable') ownerRetainage!: string;
  @Money('Owner side: received from the owner') ownerReceived!: string;
  @Money('Owner side: what accounts receivable carry') ownerReceivable!: string;
  @ApiProperty({ description: 'Documents on this row' }) documents!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() mismatched!: number;
  @ApiProperty() quarantined!: number;
}

export class ReconciliationPageDto extends PageInfo {
  @ApiProperty({ type: [ReconciliationRowDto] }) items!: ReconciliationRowDto[];
}

export class DiscrepancyDto {
  @ApiProperty({ description: 'The document stream; its history is at /audit/documents/{document}/history' }) document!: string;
  @ApiProperty() connection!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty({ example: 'subcontractor_invoice' }) documentType!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: REASONS }) reason!: string;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
  @Money('What the books should carry for it') constructionAmount!: string;
  @Money('What the books carry, as far as the hub knows (hand edits included)') booksAmount!: string;
  @Money('booksAmount − constructionAmount') difference!: string;
  @Money('Payments applied to it in the books') paidAmount!: string;
  @ApiProperty({ type: String, nullable: true, example: '40500.00', description: 'What is payable now: gross less retainage not released (invoices only)' })
  netDue!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Bill' }) booksEntity!: string | null;
  @ApiProperty({ nullable: true, type: String }) booksId!: string | null;
  @ApiProperty({ type: [String] }) costCodes!: string[];
  @ApiProperty() updatedAt!: string;
}

export class DiscrepancyPageDto extends PageInfo {
  @ApiProperty({ type: [DiscrepancyDto] }) items!: DiscrepancyDto[];
}

export class JobCostLineDto {
  @ApiProperty() connection!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty() costCode!: string;
  @Money('Revised budget, all cost types') budget!: string;
  @Money('Committed') committed!: string;
  @Money('Actual: what the books carry (bills less vendor credits, labour at cost)') actual!: string;
  @Money('budget − actual') remaining!: string;
  @ApiProperty({ type: String, nullable: true, example: '85.25', description: 'committed ÷ budget in %, two decimals, half away from zero; null when the budget is 0' })
  committedPercent!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '40.10', description: 'actual ÷ budget in %, rounded the same way' })
  actualPercent!: string | null;
}

export class JobCostPageDto extends PageInfo {
  @ApiProperty({ type: [JobCostLineDto] }) items!: JobCostLineDto[];
}

export class OwnerBillingLineDto {
  @ApiProperty() connection!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null on a project total' }) costCode!: string | null;
  @Money('Billed to the owner at gross: work completed on approved owner invoices (pay applications)') billed!: string;
  @Money('Retainage receivable: retained on those invoices less retainage released') retainageReceivable!: string;
  @Money('billed − retainageReceivable: what the owner was invoiced for now') net!: string;
  @Money('Customer payments recorded in the books on those invoices') received!: string;
  @Money('net − received') outstanding!: string;
  @Money('The books\' side: what accounts receivable carry for those owner invoices (the hub\'s invoices)') inBooks!: string;
  @Money('inBooks − net: what AR carries beyond (or, negative, short of) what was billed') difference!: string;
}

export class OwnerBillingDto {
  @ApiProperty({ type: [OwnerBillingLineDto], description: 'Per project and cost code' }) items!: OwnerBillingLineDto[];
  @ApiProperty({ type: [OwnerBillingLineDto], description: 'Per project (costCode null)' }) projects!: OwnerBillingLineDto[];
}

export const toOwnerBillingDto = (l: OwnerBillingLine): OwnerBillingLineDto => ({
  connection: l.connection, projectId: l.projectId, costCode: l.costCode, billed: money(l.billed), retainageReceivable: money(l.retainageReceivable),
  net: money(l.net), received: money(l.received), outstanding: money(l.outstanding), inBooks: money(l.inBooks), difference: money(l.difference),
});

export const toRowDto = (r: ReconciliationRowView): ReconciliationRowDto => ({
  connection: r.connection, projectId: r.projectId, costCode: r.costCode, costType: r.costType,
  originalBudget: money(r.originalBudget), approvedChanges: money(r.approvedChanges), revisedBudget: money(r.revisedBudget),
  committed: money(r.committed), invoiced: money(r.invoiced), labour: money(r.labour), posted: money(r.posted), books: money(r.books),
  booksDifference: money(r.booksDifference), paid: money(r.paid), retainageHeld: money(r.retainageHeld), retainageReleased: money(r.retainageReleased), retainagePaid: money(r.retainagePaid),
  variance: money(r.variance), status: r.status,
  ownerBilled: money(r.ownerBilled), ownerRetainage: money(r.ownerRetainage), ownerReceived: money(r.ownerReceived), ownerReceivable: money(r.ownerReceivable),
  documents: r.documents, pending: r.pending, mismatched: r.mismatched, quarantined: r.quarantined,
});

export const toDiscrepancyDto = (d: ReconciliationDocumentView): DiscrepancyDto => ({
  document: d.document, connection: d.connection, projectId: d.projectId, documentType: d.docType, externalId: d.externalId, label: d.label,
  reason: d.reason ?? '', detail: d.detail, constructionAmount: money(d.expectedAmount), booksAmount: money(d.booksAmount),
  difference: money(d.difference), paidAmount: money(d.paidAmount), netDue: d.netDue === null ? null : money(d.netDue), booksEntity: d.booksEntity, booksId: d.booksId, costCodes: d.costCodes, updatedAt: new Date(d.updatedAt).toISOString(),
});

export const toJobCostDto = (l: JobCostLine): JobCostLineDto => ({
  connection: l.connection, projectId: l.projectId, costCode: l.costCode, budget: money(l.budget), committed: money(l.committed),
  actual: money(l.actual), remaining: money(l.remaining), committedPercent: l.committedPercent, actualPercent: l.actualPercent,
});
