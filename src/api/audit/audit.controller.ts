import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '../../eventstore/index.js';
import { EVENT_STORE } from '../../platform/tokens.js';
import { AuditAnchorsService } from '../../projections/audit/anchoring/audit-anchors.service.js';
import { DocumentHistory } from '../../projections/audit/document-history.js';
import { Access, Validated } from '../shared/access.js';
import { KnownScope, unknownConnection } from '../shared/known-scope.js';
import { withDecimalMoney } from './decimal-money.js';
import {
  AsOfDto, AsOfQuery, BooksObjectParams, CorrelationDto, DocumentParams, DocumentsOfBooksObjectDto, HistoryPageDto, HistoryQuery, VerifyDto, VerifyQuery,
} from './audit.dto.js';

const unknownDocument = (document: string) => new NotFoundException({
  type: 'https://trestle.dev/problems/unknown-document', title: 'Not Found', status: 404, detail: `no events for document ${document}`,
});

/** The auditor's questions: a document's whole life, its state at a date, where it went, and whether history was altered. */
@ApiTags('audit')
@Access('auditor')
@Validated()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly documents: DocumentHistory, @Inject(EVENT_STORE) private readonly store: EventStore, private readonly anchors: AuditAnchorsService,
    private readonly known: KnownScope,
  ) {}

  @Get('documents/:document/history')
  @ApiOperation({ summary: "Every event of the document, its saga(s), its outbound requests (with each call's response status) and its books objects, in order" })
  @ApiOkResponse({ type: HistoryPageDto }) @ApiNotFoundResponse({ description: 'No such document (problem+json)' })
  async history(@Param() { document }: DocumentParams, @Query() { page, pageSize }: HistoryQuery): Promise<HistoryPageDto> {
    const entries = await this.documents.history(document);
    if (!entries) throw unknownDocument(document);
    const correlation = await this.documents.correlation(document);
    const items = entries.slice((page - 1) * pageSize, page * pageSize).map((entry) => ({ ...entry, data: withDecimalMoney(entry.data) }));
    return { document, correlation, items, page, pageSize, total: entries.length };
  }

  @Get('documents/:document/as-of')
  @ApiOperation({ summary: 'The document as it was at a time: its latest snapshot then, and its sync status replayed to then' })
  @ApiOkResponse({ type: AsOfDto }) @ApiNotFoundResponse({ description: 'No such document (problem+json)' })
  async asOf(@Param() { document }: DocumentParams, @Query() { at }: AsOfQuery): Promise<AsOfDto> {
    const state = await this.documents.asOf(document, new Date(at));
    if (!state) throw unknownDocument(document);
    return { ...state, snapshot: withDecimalMoney(state.snapshot), sync: withDecimalMoney(state.sync) as object };
  }

  @Get('documents/:document/correlation')
  @ApiOperation({ summary: 'From a document to its saga(s), outbound requests and the books objects they created' })
  @ApiOkResponse({ type: CorrelationDto }) @ApiNotFoundResponse({ description: 'No such document (problem+json)' })
  async correlation(@Param() { document }: DocumentParams): Promise<CorrelationDto> {
    if ((await this.store.readStream(document, { maxCount: 1 })).length === 0) throw unknownDocument(document);
    return this.documents.correlation(document);
  }

  @Get('books-objects/:connection/:entity/:id')
  @ApiOperation({ summary: 'Back from a books object (e.g. a QuickBooks bill) to the documents that caused it' })
  @ApiOkResponse({ type: DocumentsOfBooksObjectDto }) @ApiNotFoundResponse({ description: 'No such connection (problem+json)' })
  async booksObject(@Param() { connection, entity, id }: BooksObjectParams): Promise<DocumentsOfBooksObjectDto> {
    await this.known.check({ connection });
    return { connection, entity, id, documents: await this.documents.documentsOf(connection, entity, id) };
  }

  @Get('verify')
  @ApiOperation({ summary: "Recompute the hash chains of a connection's streams (or all) and the global chain against the latest anchor; name the first altered event" })
  @ApiOkResponse({ type: VerifyDto }) @ApiNotFoundResponse({ description: 'No such connection: not configured, and no stream of it (problem+json)' })
  async verify(@Query() { connection }: VerifyQuery): Promise<VerifyDto> {
    const result = await this.anchors.verify(connection === undefined ? undefined : `${connection}.`);
    // Nothing checked is no proof of anything: an unknown connection is not "intact".
    if (connection !== undefined && result.streamsChecked === 0 && !this.known.configured(connection)) throw unknownConnection(connection);
    return { ...result, connection: connection ?? null };
  }
}
