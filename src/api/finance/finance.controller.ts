import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ReconciliationQueries } from '../../projections/reconciliation/recon-queries.js';
import { Access, Validated } from '../shared/access.js';
import { KnownScope } from '../shared/known-scope.js';
import { discrepanciesCsv, jobCostCsv, reconciliationCsv } from './finance-csv.js';
import { DiscrepancyFilterQuery, DiscrepancyPageQuery, ReportFilterQuery, ReportPageQuery, RowFilterQuery, RowPageQuery } from './finance-query.dto.js';
import {
  DiscrepancyPageDto, JobCostPageDto, OwnerBillingDto, ReconciliationPageDto, toDiscrepancyDto, toJobCostDto, toOwnerBillingDto, toRowDto,
} from './finance-response.dto.js';
import { RetainageReportDto, toCommitmentRetainageDto } from './finance-retainage.dto.js';

const CSV = 'text/csv; charset=utf-8';
const csvOk = { description: 'CSV (RFC 4180), header first; money as decimal strings', schema: { type: 'string' } };

/** The bookkeeper's reports: reconciliation, discrepancies, job cost, and their CSV exports. */
@ApiTags('finance')
@ApiNotFoundResponse({ description: 'The connection or project named is unknown (problem+json)' })
@Access('finance')
@Validated()
@Controller('finance')
export class FinanceController {
  constructor(private readonly queries: ReconciliationQueries, private readonly known: KnownScope) {}

  @Get('reconciliation')
  @ApiOperation({ summary: 'Reconciliation per connection, project, cost code and cost type' })
  @ApiOkResponse({ type: ReconciliationPageDto })
  async reconciliation(@Query() query: RowPageQuery): Promise<ReconciliationPageDto> {
    await this.known.check(query);
    const page = await this.queries.rows(query, query);
    return { ...page, items: page.items.map(toRowDto) };
  }

  @Get('reconciliation.csv')
  @ApiOperation({ summary: 'The reconciliation as CSV (all rows matching the filters)' })
  @ApiProduces(CSV) @ApiOkResponse(csvOk) @Header('content-type', CSV) @Header('content-disposition', 'attachment; filename="reconciliation.csv"')
  async reconciliationCsv(@Query() query: RowFilterQuery): Promise<string> {
    await this.known.check(query);
    return reconciliationCsv((await this.queries.rows(query)).items.map(toRowDto));
  }

  @Get('discrepancies')
  @ApiOperation({ summary: 'Documents whose two sides disagree, with the reason' })
  @ApiOkResponse({ type: DiscrepancyPageDto })
  async discrepancies(@Query() query: DiscrepancyPageQuery): Promise<DiscrepancyPageDto> {
    await this.known.check(query);
    const page = await this.queries.discrepancies(query, query);
    return { ...page, items: page.items.map(toDiscrepancyDto) };
  }

  @Get('discrepancies.csv')
  @ApiOperation({ summary: 'The discrepancies as CSV' })
  @ApiProduces(CSV) @ApiOkResponse(csvOk) @Header('content-type', CSV) @Header('content-disposition', 'attachment; filename="discrepancies.csv"')
  async discrepanciesCsv(@Query() query: DiscrepancyFilterQuery): Promise<string> {
    await this.known.check(query);
    return discrepanciesCsv((await this.queries.discrepancies(query)).items.map(toDiscrepancyDto));
  }

  @Get('owner-billing')
  @ApiOperation({ summary: 'Owner side per project and cost code: billed (gross), retainage receivable, net, received, outstanding, against accounts receivable' })
  @ApiOkResponse({ type: OwnerBillingDto })
  async ownerBilling(@Query() query: ReportFilterQuery): Promise<OwnerBillingDto> {
    await this.known.check(query);
    const [items, projects] = await Promise.all([this.queries.ownerBilling(query, true), this.queries.ownerBilling(query, false)]);
    return { items: items.map(toOwnerBillingDto), projects: projects.map(toOwnerBillingDto) };
  }

  @Get('retainage')
  @ApiOperation({ summary: 'Retainage per commitment and, within it, per cost code: retained, released, held, paid, outstanding, and the invoices paid over their net due' })
  @ApiOkResponse({ type: RetainageReportDto })
  async retainage(@Query() query: ReportFilterQuery): Promise<RetainageReportDto> {
    await this.known.check(query);
    return { items: (await this.queries.retainage(query)).map(toCommitmentRetainageDto) };
  }

  @Get('job-cost')
  @ApiOperation({ summary: 'Job cost per project and cost code: budget, committed, actual (posted), with percentages' })
  @ApiOkResponse({ type: JobCostPageDto })
  async jobCost(@Query() query: ReportPageQuery): Promise<JobCostPageDto> {
    await this.known.check(query);
    const page = await this.queries.jobCost(query, query);
    return { ...page, items: page.items.map(toJobCostDto) };
  }

  @Get('job-cost.csv')
  @ApiOperation({ summary: 'The job-cost report as CSV' })
  @ApiProduces(CSV) @ApiOkResponse(csvOk) @Header('content-type', CSV) @Header('content-disposition', 'attachment; filename="job-cost.csv"')
  async jobCostCsv(@Query() query: ReportFilterQuery): Promise<string> {
    await this.known.check(query);
    return jobCostCsv((await this.queries.jobCost(query)).items.map(toJobCostDto));
  }
}
