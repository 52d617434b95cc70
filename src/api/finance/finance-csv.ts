import { csvBody, textCell } from '../shared/csv-reply.js';
import type { DiscrepancyDto, JobCostLineDto, ReconciliationRowDto } from './finance-response.dto.js';

/** The CSV exports carry the same fields as the JSON reports, money as decimal strings. */
export const reconciliationCsv = (rows: readonly ReconciliationRowDto[]): string => csvBody(
  ['connection', 'project', 'cost_code', 'cost_type', 'original_budget', 'approved_changes', 'revised_budget', 'committed', 'invoiced',
    'labour', 'posted', 'books', 'books_difference', 'paid', 'retainage_held', 'retainage_released', 'retainage_paid', 'variance', 'status'],
  rows.map((r) => [
    textCell(r.connection), textCell(r.projectId), textCell(r.costCode), textCell(r.costType), r.originalBudget, r.approvedChanges,
    r.revisedBudget, r.committed, r.invoiced, r.labour, r.posted, r.books, r.booksDifference, r.paid, r.retainageHeld, r.retainageReleased, r.retainagePaid,
    r.variance, r.status,
  ]),
);

export const discrepanciesCsv = (rows: readonly DiscrepancyDto[]): string => csvBody(
  ['connection', 'project', 'document', 'document_type', 'external_id', 'label', 'reason', 'detail', 'construction_amount', 'books_amount',
    'difference', 'paid_amount', 'net_due', 'books_entity', 'books_id', 'cost_codes', 'updated_at'],
  rows.map((d) => [
    textCell(d.connection), textCell(d.projectId), textCell(d.document), d.documentType, textCell(d.externalId), textCell(d.label), d.reason,
    textCell(d.detail), d.constructionAmount, d.booksAmount, d.difference, d.paidAmount, d.netDue ?? '', textCell(d.booksEntity), textCell(d.booksId),
    textCell(d.costCodes.join(' ')), d.updatedAt,
  ]),
);

export const jobCostCsv = (lines: readonly JobCostLineDto[]): string => csvBody(
  ['connection', 'project', 'cost_code', 'budget', 'committed', 'actual', 'remaining', 'committed_percent', 'actual_percent'],
  lines.map((l) => [
    textCell(l.connection), textCell(l.projectId), textCell(l.costCode), l.budget, l.committed, l.actual, l.remaining,
    l.committedPercent ?? '', l.actualPercent ?? '',
  ]),
);
