import { ApiProperty } from '@nestjs/swagger';
import type { CommitmentRetainage, RetainageSums } from '../../projections/reconciliation/retainage-report.js';
import { money } from './finance-response.dto.js';

const Money = (description: string) => ApiProperty({ type: String, example: '4500.00', description });

/** The retainage columns shared by a commitment and its cost codes. */
class RetainageSumsDto {
  @Money('Withheld on the approved invoices at gross, before releases') retained!: string;
  @Money('Released by later invoices (Procore\'s released this period)') released!: string;
  @Money('Still withheld: retained − released − paid before release') held!: string;
  @Money('Retainage paid in the books: released retainage paid with its invoice, plus payments beyond an invoice\'s net due') paid!: string;
  @Money('Of paid, what was paid before its release (a discrepancy)') paidBeforeRelease!: string;
  @Money('retained − paid: retainage still owed to the vendor') outstanding!: string;
}

export class RetainageCostLineDto extends RetainageSumsDto {
  @ApiProperty() costCode!: string;
  @ApiProperty({ description: "Cost type code; '' when the source has none" }) costType!: string;
}

export class RetainageDiscrepancyDto {
  @ApiProperty({ enum: ['paid_over_net_due', 'retainage_paid_before_release'] }) reason!: string;
  @ApiProperty({ example: 'retainage 4500.00 paid, 0.00 released: 4500.00 paid before its release' }) detail!: string;
  @Money('paid_over_net_due: paid on the commitment\'s invoices; retainage_paid_before_release: retainage paid') paid!: string;
  @Money('paid_over_net_due: their net due; retainage_paid_before_release: retainage released') due!: string;
  @ApiProperty({ type: [String], description: 'The invoices paid beyond their work net of retainage (document streams)' }) documents!: string[];
}

export class CommitmentRetainageDto extends RetainageSumsDto {
  @ApiProperty() connection!: string;
  @ApiProperty() projectId!: string;
  @ApiProperty({ description: 'The commitment (subcontract or purchase order) id in the construction system' }) commitmentId!: string;
  @ApiProperty({ example: 'Commitment WO-786001 Northwind Sheet Metal LLC' }) label!: string;
  @ApiProperty({ description: 'Approved invoices against it' }) invoices!: number;
  @Money('What its approved invoices made payable: work at gross less retained plus released') netDue!: string;
  @Money('Bill payments on its invoices in the books') paidAmount!: string;
  @ApiProperty({ type: [RetainageCostLineDto], description: 'Per cost code and cost type' }) costCodes!: RetainageCostLineDto[];
  @ApiProperty({ type: [RetainageDiscrepancyDto], description: 'Paid over the net due, or retainage paid before its release, with both amounts' })
  discrepancies!: RetainageDiscrepancyDto[];
}

export class RetainageReportDto {
  @ApiProperty({ type: [CommitmentRetainageDto] }) items!: CommitmentRetainageDto[];
}

const sums = (s: RetainageSums) => ({
  retained: money(s.retained), released: money(s.released), held: money(s.held), paid: money(s.paid),
  paidBeforeRelease: money(s.paidBeforeRelease), outstanding: money(s.outstanding),
});

export const toCommitmentRetainageDto = (c: CommitmentRetainage): CommitmentRetainageDto => ({
  connection: c.connection, projectId: c.projectId, commitmentId: c.commitmentId, label: c.label, invoices: c.invoices,
  netDue: money(c.netDue), paidAmount: money(c.paidAmount), ...sums(c),
  costCodes: c.costCodes.map((l) => ({ costCode: l.costCode, costType: l.costType, ...sums(l) })),
  discrepancies: c.discrepancies.map((d) => ({ ...d, paid: money(d.paid), due: money(d.due), documents: [...d.documents] })),
});
