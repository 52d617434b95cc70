import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../shared/paging.dto.js';

export const ROW_STATUSES = ['in_sync', 'pending', 'mismatch', 'quarantined'] as const;
export const REASONS = ['amount_differs', 'missing_in_books', 'edited_by_hand', 'quarantined', 'dead_lettered', 'paid_over_net_due'] as const;

/** Filters every finance report takes; all optional, combined with AND. */
export class ReportFilterQuery {
  @ApiPropertyOptional({ description: 'Connection name', example: 'acme' })
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/, { message: 'connection must be a connection name (a-z, 0-9, _ and -)' })
  connection?: string;

  @ApiPropertyOptional({ description: 'Project id in the construction system', example: '2468013' })
  @IsOptional() @MaxLength(64)
  project?: string;

  @ApiPropertyOptional({ description: 'Cost code, exactly as the construction system writes it', example: '23-31-00' })
  @IsOptional() @MaxLength(64)
  costCode?: string;
}

export class RowFilterQuery extends ReportFilterQuery {
  @ApiPropertyOptional({ enum: ROW_STATUSES })
  @IsOptional() @IsIn(ROW_STATUSES)
  status?: (typeof ROW_STATUSES)[number];
}

export class DiscrepancyFilterQuery extends ReportFilterQuery {
  @ApiPropertyOptional({ enum: REASONS })
  @IsOptional() @IsIn(REASONS)
  reason?: (typeof REASONS)[number];
}

/** Each report's filters plus `page` and `pageSize` (see PageQuery). */
export class RowPageQuery extends IntersectionType(RowFilterQuery, PageQuery) {}
export class DiscrepancyPageQuery extends IntersectionType(DiscrepancyFilterQuery, PageQuery) {}
export class ReportPageQuery extends IntersectionType(ReportFilterQuery, PageQuery) {}
