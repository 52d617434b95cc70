import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionsService } from '../../projections/projections.service.js';
import { Access, Validated } from '../shared/access.js';
import { ProjectionParams, ProjectionStatusDto, RebuildProgressDto } from './projections.dto.js';

/** Rebuilding a read model while the hub runs: a new copy beside the old, then a switch. */
@ApiTags('admin')
@Access('admin')
@Validated()
@Controller('admin/projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsService) {}

  @Get()
  @ApiOperation({ summary: 'Each projection: the live copy (generation, checkpoint, events) and the last rebuild' })
  @ApiOkResponse({ type: [ProjectionStatusDto] })
  list(): ProjectionStatusDto[] {
    return this.projections.status();
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild a projection from the events beside the current copy, then switch readers to it' })
  @ApiAcceptedResponse({ type: RebuildProgressDto }) @ApiConflictResponse({ description: 'A rebuild of it is already running (problem+json)' })
  rebuild(@Param() { name }: ProjectionParams): RebuildProgressDto {
    return this.projections.startRebuild(name);
  }

  @Get(':name/rebuild')
  @ApiOperation({ summary: 'Progress of the running (or last) rebuild: events, events/sec, ETA' })
  @ApiOkResponse({ type: RebuildProgressDto })
  progress(@Param() { name }: ProjectionParams): RebuildProgressDto {
    const progress = this.projections.rebuildProgress(name);
    if (!progress) throw new NotFoundException({ type: 'https://trestle.dev/problems/no-rebuild', title: 'Not Found', status: 404, detail: `no rebuild of ${name} has run since the hub started` });
    return progress;
  }
}
