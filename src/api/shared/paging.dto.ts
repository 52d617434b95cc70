import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Far beyond any real list, and small enough that page x pageSize stays an exact SQL offset. */
export const MAX_PAGE = 1_000_000;

/**
 * Lists are paginated by page number: `page` (1-based, default 1) and `pageSize` (1-500,
 * default 50). Every page answer carries `total`, the number of items across all pages.
 */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1, description: '1-based page number' })
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  @Type(() => Number) @IsInt() @Min(1) @Max(500)
  pageSize: number = 50;
}

export class PageInfo {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'Items across all pages' }) total!: number;
}
