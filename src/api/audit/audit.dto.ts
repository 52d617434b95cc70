import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE, PageInfo } from '../shared/paging.dto.js';

const CONNECTION = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const DOCUMENT = /^[a-z0-9][a-z0-9_-]*\.(procore|quickbooks|xero|qbd|planswift|buildertrend)\.[a-z_]+-.+$/;

export class DocumentParams {
  @ApiProperty({ description: 'The document stream: {connection}.{source}.{type}-{externalId}', example: 'acme.procore.subcontractor_invoice-88412' })
  @Matches(DOCUMENT, { message: 'document must be a document stream: {connection}.{source}.{type}-{externalId}' }) @MaxLength(300)
  document!: string;
}

/** History pages are larger than report pages: a document's life is read in one or two pages. */
export class HistoryQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page: number = 1;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5000, default: 1000 }) @Type(() => Number) @IsInt() @Min(1) @Max(5000) pageSize: number = 1000;
}

export class AsOfQuery {
  @ApiProperty({ description: 'An ISO-8601 instant; events recorded at or before it are replayed', example: '2026-03-31T23:59:59Z' })
  @IsISO8601({ strict: true }, { message: 'at must be an ISO-8601 timestamp, e.g. 2026-03-31T23:59:59Z' })
  at!: string;
}

export class VerifyQuery {
  @ApiPropertyOptional({ description: "Check this connection's streams only (all streams when omitted)" })
  @IsOptional() @Matches(CONNECTION, { message: 'connection must be a connection name (a-z, 0-9, _ and -)' })
  connection?: string;
}

export class BooksObjectParams {
  @ApiProperty() @Matches(CONNECTION, { message: 'connection must be a connection name' }) connection!: string;
  @ApiProperty({ example: 'Bill' }) @Matches(/^[A-Za-z]{1,40}$/, { message: 'entity must be a books entity name, e.g. Bill' }) entity!: string;
  @ApiProperty({ example: '145' }) @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id must be a books object id' }) id!: string;
}

export class AttemptDto {
  @ApiProperty({ nullable: true, type: Number }) attempt!: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'succeeded' }) outcome!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 200, description: 'HTTP status the target answered' }) status!: number | null;
  @ApiProperty({ nullable: true, type: String }) code!: string | null;
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationMs!: number | null;
}

export class HistoryEntryDto {
  @ApiProperty({ description: 'Position in $all (commit/prepare)' }) position!: string;
  @ApiProperty() stream!: string;
  @ApiProperty({ enum: ['document', 'saga', 'outbound', 'books'] }) streamKind!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: Object, description: 'correlationId, causationId, connection, source, ...' }) metadata!: object;
  @ApiProperty({ description: "The payload as stored, money as decimal strings with two places (the source's own payload, raw, as it came)" }) data!: unknown;
  @ApiProperty({ type: AttemptDto, nullable: true, description: 'For outbound attempts: the call and its response status' }) attempt!: AttemptDto | null;
}

export class BooksObjectDto {
  @ApiProperty() connection!: string;
  @ApiProperty() entity!: string;
  @ApiProperty() id!: string;
}

export class CorrelationDto {
  @ApiProperty() document!: string;
  @ApiProperty({ type: [String] }) sagas!: readonly string[];
  @ApiProperty({ type: [String], description: 'Outbound request streams' }) requests!: readonly string[];
  @ApiProperty({ type: [BooksObjectDto] }) booksObjects!: readonly BooksObjectDto[];
  @ApiProperty({ type: [String], description: 'Books payment streams applied to those objects' }) payments!: readonly string[];
}

export class HistoryPageDto extends PageInfo {
  @ApiProperty() document!: string;
  @ApiProperty({ type: CorrelationDto }) correlation!: CorrelationDto;
  @ApiProperty({ type: [HistoryEntryDto] }) items!: HistoryEntryDto[];
}

export class AsOfDto {
  @ApiProperty() document!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ description: 'False when the document had no event yet at that time' }) existed!: boolean;
  @ApiProperty() eventsApplied!: number;
  @ApiProperty({ nullable: true, type: String }) lastEventType!: string | null;
  @ApiProperty({ nullable: true, type: String }) version!: string | null;
  @ApiProperty({ nullable: true, description: 'The normalised snapshot as of then, money as decimal strings with two places' }) snapshot!: unknown;
  @ApiProperty({ type: Object, description: 'Sync status replayed to then: status, reason, detail, books (money as decimal strings)' }) sync!: object;
}

export class DocumentsOfBooksObjectDto extends BooksObjectDto {
  @ApiProperty({ type: [String] }) documents!: string[];
}

export class BrokenLinkDto {
  @ApiProperty({ nullable: true, type: String, description: 'Position in $all (commit/prepare) when the global chain found it' }) position!: string | null;
  @ApiProperty() streamName!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() reason!: string;
}

export class AnchorInfoDto {
  @ApiProperty() anchoredAt!: string;
  @ApiProperty({ description: 'Events the anchor covers' }) events!: number;
}

export class GlobalChainCheckDto {
  @ApiProperty({ description: 'False when no TRESTLE_AUDIT_KEY is set (or the store keeps no global chain): stream chains only' }) checked!: boolean;
  @ApiProperty() ok!: boolean;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty({ description: 'Events committed since the chain was last extended (anchored at the next interval)' }) unchainedEvents!: number;
  @ApiProperty({ type: AnchorInfoDto, nullable: true, description: 'The latest anchor, read from outside the database' }) anchor!: AnchorInfoDto | null;
  @ApiProperty({ nullable: true, type: String }) problem!: string | null;
}

export class AnchorDto {
  @ApiProperty({ description: 'False when nothing was appended since the last anchor (that one is returned)' }) written!: boolean;
  @ApiProperty() events!: number;
  @ApiProperty({ nullable: true, type: String, description: 'The last anchored event, as commit/prepare' }) position!: string | null;
  @ApiProperty() link!: string;
  @ApiProperty() anchoredAt!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'Where it was written' }) sink!: string;
}

export class VerifyDto {
  @ApiProperty({ description: 'True when no event was altered, removed or reordered' }) ok!: boolean;
  @ApiProperty({ nullable: true, type: String }) connection!: string | null;
  @ApiProperty() streamsChecked!: number;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty({ type: BrokenLinkDto, nullable: true, description: 'The first altered event' }) firstBroken!: BrokenLinkDto | null;
  @ApiProperty({ type: GlobalChainCheckDto }) globalChain!: GlobalChainCheckDto;
}
