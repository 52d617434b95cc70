import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../shared/access.js';
import { MappingAdmin, type DocumentFormat, type RuleKeyQuery } from '../../adapters/mapping/mapping-admin.service.js';
import { ChangedBy, problem, YAML_TYPES } from '../../adapters/mapping/mapping-http.js';
import {
  CHECK_SCHEMA, HISTORY_SCHEMA, INVALID_MAPPING_SCHEMA, MAPPING_CHANGE_SCHEMA, MAPPING_DOCUMENT_SCHEMA, MAPPING_VIEW_SCHEMA, RULE_SCHEMA,
} from './mapping.openapi.js';

const BODY_TYPES = ['application/json', ...YAML_TYPES, 'text/plain'];
const FORMATS: Readonly<Record<DocumentFormat, string>> = { markdown: 'text/markdown; charset=utf-8', csv: 'text/csv; charset=utf-8' };

const formatOf = (value: string | undefined): DocumentFormat => {
  const format = value ?? 'markdown';
  if (format === 'markdown' || format === 'csv') return format;
  throw problem(400, 'invalid-query', 'Bad Request', 'format must be markdown or csv');
};

/** The connections and the version of each one's mapping: the bookkeeper reads them too. */
@ApiTags('mapping')
@Access('bookkeeper')
@Controller('admin/mappings')
export class MappingsController {
  constructor(private readonly admin: MappingAdmin) {}

  @Get()
  @ApiOperation({ summary: 'Configured connections and the version of each one\'s mapping (0: none yet)' })
  list() {
    return this.admin.list();
  }
}

/**
 * A connection's cost-code mapping: read, change (each change a new version), history, document, check.
 * The bookkeeper reads (mapping, history, document); changes and checks are admin's.
 */
@ApiTags('mapping')
@ApiResponse({ status: 404, description: 'No such connection, or no mapping imported yet (problem details)' })
@Controller('admin/connections/:connection/mapping')
export class MappingController {
  constructor(private readonly admin: MappingAdmin) {}

  @Access('bookkeeper')
  @Get()
  @ApiOperation({ summary: 'The mapping in force: settings, rules, jobs and version' })
  @ApiOkResponse({ schema: MAPPING_VIEW_SCHEMA })
  view(@Param('connection') connection: string) {
    return this.admin.view(connection);
  }

  @Access('bookkeeper')
  @Get('history')
  @ApiOperation({ summary: 'Every change, oldest first: version, who, when, what' })
  @ApiOkResponse({ schema: HISTORY_SCHEMA })
  history(@Param('connection') connection: string) {
    return this.admin.history(connection);
  }

  @Access('admin')
  @Put()
  @ApiOperation({ summary: 'Replace the whole mapping (YAML or JSON); the same mapping again records nothing' })
  @ApiConsumes(...BODY_TYPES)
  @ApiBody({ schema: MAPPING_DOCUMENT_SCHEMA })
  @ApiOkResponse({ schema: MAPPING_CHANGE_SCHEMA })
  @ApiResponse({ status: 400, description: 'Invalid mapping: every problem with its path', schema: INVALID_MAPPING_SCHEMA })
  replace(@Param('connection') connection: string, @Body() body: unknown, @ChangedBy() changedBy: string) {
    return this.admin.replace(connection, body, changedBy);
  }

  @Access('admin')
  @Put('rules')
  @ApiOperation({ summary: 'Add a rule, or replace the rule with the same project, cost code and cost type' })
  @ApiConsumes(...BODY_TYPES)
  @ApiBody({ schema: RULE_SCHEMA })
  @ApiOkResponse({ schema: MAPPING_CHANGE_SCHEMA })
  @ApiResponse({ status: 400, description: 'Invalid rule: every problem with its path', schema: INVALID_MAPPING_SCHEMA })
  @ApiResponse({ status: 409, description: 'No mapping imported yet' })
  upsertRule(@Param('connection') connection: string, @Body() body: unknown, @ChangedBy() changedBy: string) {
    return this.admin.upsertRule(connection, body, changedBy);
  }

  @Access('admin')
  @Delete('rules')
  @ApiOperation({ summary: 'Remove the rule with this key; removing an absent rule records nothing' })
  @ApiQuery({ name: 'costCode', required: true, example: '23-31-00' })
  @ApiQuery({ name: 'costType', required: false, description: 'Leave out for a rule of any cost type' })
  @ApiQuery({ name: 'projectId', required: false, description: 'Leave out for a connection-wide rule' })
  @ApiOkResponse({ schema: MAPPING_CHANGE_SCHEMA })
  removeRule(@Param('connection') connection: string, @Query() key: RuleKeyQuery, @ChangedBy() changedBy: string) {
    return this.admin.removeRule(connection, key, changedBy);
  }

  @Access('bookkeeper')
  @Get('document')
  @ApiOperation({ summary: 'The mapping document for the bookkeeper: every cost code in use and where it posts, or UNMAPPED' })
  @ApiQuery({ name: 'format', required: false, enum: ['markdown', 'csv'] })
  @ApiProduces(FORMATS.markdown, FORMATS.csv)
  async document(@Param('connection') connection: string, @Query('format') format: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const chosen = formatOf(format);
    const { body, version } = await this.admin.document(connection, chosen);
    void reply.header('content-type', FORMATS[chosen]);
    void reply.header('content-disposition', `inline; filename="${connection}-mapping-v${version}.${chosen === 'csv' ? 'csv' : 'md'}"`);
    return body;
  }

  @Access('admin')
  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a mapping (YAML or JSON) without changing anything: structure, the live chart, cost codes in use' })
  @ApiConsumes(...BODY_TYPES)
  @ApiBody({ schema: MAPPING_DOCUMENT_SCHEMA })
  @ApiOkResponse({ schema: CHECK_SCHEMA })
  @ApiResponse({ status: 503, description: 'The books\' chart could not be read: nothing was checked against it' })
  check(@Param('connection') connection: string, @Body() body: unknown) {
    return this.admin.check(connection, body);
  }
}
