import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../shared/access.js';
import { ChangedBy, YAML_TYPES } from '../../adapters/mapping/mapping-http.js';
import { INVALID_MAPPING_SCHEMA, REMAP_APPLIED_SCHEMA, REMAP_APPLY_SCHEMA, REMAP_CHANGES_SCHEMA, REMAP_PREVIEW_SCHEMA } from './mapping.openapi.js';
import { RemapAdmin } from '../../adapters/mapping/remap-admin.service.js';

const BODY_TYPES = ['application/json', ...YAML_TYPES, 'text/plain'];

/** "If cost code X mapped to Z": what would change in the books, then apply it. Finance and admin; the bookkeeper previews. */
@ApiTags('mapping')
@ApiResponse({ status: 400, description: 'Malformed change, cost code not in use, reference not in the chart: every problem with its path', schema: INVALID_MAPPING_SCHEMA })
@ApiResponse({ status: 404, description: 'No such connection (problem details)' })
@ApiResponse({ status: 409, description: 'No mapping imported yet' })
@ApiResponse({ status: 503, description: 'The books\' chart could not be read: the changes could not be checked' })
@Controller('admin/connections/:connection/mapping/remap')
export class RemapController {
  constructor(private readonly remap: RemapAdmin) {}

  @Post('preview')
  @Access('finance', 'bookkeeper')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay the history against the changed mapping, posting nothing: the lines that would change, totals per account and cost code before and after' })
  @ApiConsumes(...BODY_TYPES)
  @ApiBody({ schema: REMAP_CHANGES_SCHEMA })
  @ApiOkResponse({ schema: REMAP_PREVIEW_SCHEMA })
  preview(@Param('connection') connection: string, @Body() body: unknown) {
    return this.remap.preview(connection, body);
  }

  @Post('apply')
  @Access('finance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply the changes as new mapping versions; documents already posted are updated through the sagas, or left as they are' })
  @ApiConsumes(...BODY_TYPES)
  @ApiBody({ schema: REMAP_APPLY_SCHEMA })
  @ApiOkResponse({ schema: REMAP_APPLIED_SCHEMA })
  apply(@Param('connection') connection: string, @Body() body: unknown, @ChangedBy() changedBy: string) {
    return this.remap.apply(connection, body, changedBy);
  }
}
