import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ProjectionParams {
  @ApiProperty({ example: 'reconciliation', description: 'reconciliation or audit' })
  @Matches(/^[a-z][a-z0-9-]{0,40}$/, { message: 'name must be a projection name, e.g. reconciliation' })
  name!: string;
}

export class RebuildProgressDto {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The generation being built' }) generation!: number | null;
  @ApiProperty({ enum: ['building', 'switching', 'done', 'failed'] }) state!: string;
  @ApiProperty({ description: 'Events read so far' }) processed!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Events expected (what the live copy has applied); null when unknown' }) total!: number | null;
  @ApiProperty() eventsPerSec!: number;
  @ApiProperty({ nullable: true, type: Number }) etaSeconds!: number | null;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

export class LiveRunnerDto {
  @ApiProperty({ nullable: true, type: Number, description: 'The generation readers see' }) generation!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Checkpoint in $all' }) position!: string | null;
  @ApiProperty({ description: 'Events applied to that generation' }) events!: number;
  @ApiProperty() running!: boolean;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
}

export class ProjectionStatusDto {
  @ApiProperty() name!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: LiveRunnerDto }) live!: LiveRunnerDto;
  @ApiProperty({ type: RebuildProgressDto, nullable: true }) rebuild!: RebuildProgressDto | null;
}
