import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { percentOf } from '../job-cost/percent.js';
import { ReconciliationDocumentView, ReconciliationRowView } from './recon-views.entities.js';
import { retainageByCommitment, type CommitmentRetainage } from './retainage-report.js';

export interface ReportFilter {
  readonly connection?: string;
  readonly project?: string;
  readonly costCode?: string;
}

export interface PageRequest {
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export interface Paged<T> {
  readonly items: T[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/** Per project and cost code (cost types summed): budget is the revised budget, actual is what the books carry. */
export interface JobCostLine {
  readonly connection: string;
  readonly projectId: string;
  readonly costCode: string;
  readonly budget: number;
  readonly committed: number;
  readonly actual: number;
  /** budget − actual: what is left to spend. */
  readonly remaining: number;
  readonly committedPercent: string | null;
  readonly actualPercent: string | null;
}

/** The owner side per project and cost code (cost types summed), or per project (costCode null). */
export interface OwnerBillingLine {
  readonly connection: string;
  readonly projectId: string;
  readonly costCode: string | null;
  readonly billed: number;
  readonly retainageReceivable: number;
  readonly net: number;
  readonly received: number;
  readonly outstanding: number;
  /** What accounts receivable carry for it (the hub's invoices); net − this is what AR is short. */
  readonly inBooks: number;
  readonly difference: number;
}

const OWNER_SUMS: ReadonlyArray<readonly [keyof OwnerBillingLine, string]> = [
  ['billed', 'ownerBilled'], ['retainageReceivable', 'ownerRetainage'], ['net', 'ownerNet'], ['received', 'ownerReceived'],
  ['outstanding', 'ownerOutstanding'], ['inBooks', 'ownerReceivable'], ['difference', 'ownerDifference'],
];

/** Without a page, everything (the CSV exports). */
const paginate = async <T extends object>(query: SelectQueryBuilder<T>, page: PageRequest | undefined): Promise<Paged<T>> => {
  if (!page) {
    const items = await query.getMany();
    return { items, page: 1, pageSize: items.length, total: items.length };
  }
  const [items, total] = await query.skip((page.page - 1) * page.pageSize).take(page.pageSize).getManyAndCount();
  return { items, page: page.page, pageSize: page.pageSize, total };
};

const filtered = <T extends object>(query: SelectQueryBuilder<T>, f: ReportFilter, alias: string): SelectQueryBuilder<T> => {
  if (f.connection) query.andWhere(`${alias}.connection = :connection`, { connection: f.connection });
  if (f.project) query.andWhere(`${alias}.projectId = :project`, { project: f.project });
  return query;
};

/** The finance reports, read through TypeORM from the reconciliation views. */
export class ReconciliationQueries {
  constructor(private readonly db: DataSource) {}

  /** Whether the reconciliation holds any document of the connection (and project, when given). */
  async holds(scope: { readonly connection?: string; readonly project?: string }): Promise<boolean> {
    const query = filtered(this.db.getRepository(ReconciliationDocumentView).createQueryBuilder('d'), scope, 'd');
    return (await query.select('1').limit(1).getRawMany()).length > 0;
  }

  rows(filter: ReportFilter & { status?: string }, page?: PageRequest): Promise<Paged<ReconciliationRowView>> {
    const query = filtered(this.db.getRepository(ReconciliationRowView).createQueryBuilder('r'), filter, 'r');
    if (filter.costCode) query.andWhere('r.costCode = :costCode', { costCode: filter.costCode });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    query.orderBy('r.connection').addOrderBy('r.projectId').addOrderBy('r.costCode').addOrderBy('r.costType');
    return paginate(query, page);
  }

  discrepancies(filter: ReportFilter & { reason?: string }, page?: PageRequest): Promise<Paged<ReconciliationDocumentView>> {
    const query = filtered(this.db.getRepository(ReconciliationDocumentView).createQueryBuilder('d'), filter, 'd').andWhere('d.reason IS NOT NULL');
    if (filter.costCode) query.andWhere(':costCode = ANY(d.costCodes)', { costCode: filter.costCode });
    if (filter.reason) query.andWhere('d.reason = :reason', { reason: filter.reason });
    query.orderBy('d.connection').addOrderBy('d.projectId').addOrderBy('d.updatedAt', 'DESC').addOrderBy('d.document');
    return paginate(query, page);
  }

  /** Owner billing per project and cost code (`byCostCode`) or per project; only where the owner side has anything. */
  async ownerBilling(filter: ReportFilter, byCostCode: boolean): Promise<OwnerBillingLine[]> {
    const query = filtered(this.db.getRepository(ReconciliationRowView).createQueryBuilder('r'), filter, 'r')
      .andWhere('(r.ownerBilled <> 0 OR r.ownerReceivable <> 0 OR r.ownerReceived <> 0 OR r.ownerRetainage <> 0)');
    if (filter.costCode) query.andWhere('r.costCode = :costCode', { costCode: filter.costCode });
    query.select('r.connection', 'connection').addSelect('r.projectId', 'projectId').groupBy('r.connection').addGroupBy('r.projectId')
      .orderBy('r.connection').addOrderBy('r.projectId');
    if (byCostCode) query.addSelect('r.costCode', 'costCode').addGroupBy('r.costCode').addOrderBy('r.costCode');
    for (const [name, column] of OWNER_SUMS) query.addSelect(`sum(r.${column})::text`, name);
    const raw = await query.getRawMany<Record<string, string>>();
    return raw.map((r) => ({
      connection: r.connection!, projectId: r.projectId!, costCode: byCostCode ? r.costCode! : null,
      ...Object.fromEntries(OWNER_SUMS.map(([name]) => [name, Number(r[name])])),
    }) as OwnerBillingLine);
  }

  /** Retainage per commitment (and per cost code within it) of the approved subcontractor invoices; `costCode` keeps commitments with a line on it. */
  async retainage(filter: ReportFilter): Promise<CommitmentRetainage[]> {
    const repository = this.db.getRepository(ReconciliationDocumentView);
    const invoices = await filtered(repository.createQueryBuilder('d'), filter, 'd')
      .andWhere("d.docType = 'subcontractor_invoice'").andWhere('d.retainage IS NOT NULL').getMany();
    const ids = [...new Set(invoices.map((d) => d.commitmentId).filter((id): id is string => id !== null))];
    const commitments = ids.length === 0 ? [] : await filtered(repository.createQueryBuilder('d'), filter, 'd')
      .andWhere("d.docType = 'commitment'").andWhere('d.externalId IN (:...ids)', { ids }).getMany();
    const labels = new Map(commitments.map((c) => [`${c.connection}\u001f${c.externalId}`, c.label]));
    const report = retainageByCommitment(invoices.map((d) => ({ ...d, paidAmount: d.paidAmount, retainage: d.retainage ?? [] })), labels);
    return filter.costCode ? report.filter((c) => c.costCodes.some((l) => l.costCode === filter.costCode)) : report;
  }

  async jobCost(filter: ReportFilter, page?: PageRequest): Promise<Paged<JobCostLine>> {
    const base = filtered(this.db.getRepository(ReconciliationRowView).createQueryBuilder('r'), filter, 'r');
    if (filter.costCode) base.andWhere('r.costCode = :costCode', { costCode: filter.costCode });
    base.select('r.connection', 'connection').addSelect('r.projectId', 'projectId').addSelect('r.costCode', 'costCode')
      .addSelect('sum(r.revisedBudget)::text', 'budget').addSelect('sum(r.committed)::text', 'committed').addSelect('sum(r.books)::text', 'actual')
      .groupBy('r.connection').addGroupBy('r.projectId').addGroupBy('r.costCode');
    const [{ total } = { total: '0' }] = await this.db.createQueryBuilder().select('count(*)::text', 'total')
      .from(`(${base.getQuery()})`, 'g').setParameters(base.getParameters()).getRawMany<{ total: string }>();
    base.orderBy('r.connection').addOrderBy('r.projectId').addOrderBy('r.costCode');
    if (page) base.offset((page.page - 1) * page.pageSize).limit(page.pageSize);
    const raw = await base.getRawMany<{ connection: string; projectId: string; costCode: string; budget: string; committed: string; actual: string }>();
    const items = raw.map((r) => jobCostLine(r.connection, r.projectId, r.costCode, Number(r.budget), Number(r.committed), Number(r.actual)));
    return { items, page: page?.page ?? 1, pageSize: page?.pageSize ?? items.length, total: Number(total) };
  }
}

export const jobCostLine = (connection: string, projectId: string, costCode: string, budget: number, committed: number, actual: number): JobCostLine => ({
  connection, projectId, costCode, budget, committed, actual, remaining: budget - actual,
  committedPercent: percentOf(committed, budget), actualPercent: percentOf(actual, budget),
});
