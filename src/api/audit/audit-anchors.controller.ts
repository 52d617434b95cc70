import { Controller, HttpCode, Post, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AuditAnchorsService } from '../../projections/audit/anchoring/audit-anchors.service.js';
import { AnchoringUnavailableError } from '../../projections/audit/anchoring/audit-anchors.js';
import { Access, Validated } from '../shared/access.js';
import { AnchorDto } from './audit.dto.js';

/** Anchoring on demand (it also runs at every TRESTLE_AUDIT_ANCHOR_INTERVAL). */
@ApiTags('admin')
@Access('admin')
@Validated()
@Controller('admin/audit')
export class AuditAnchorsController {
  constructor(private readonly anchors: AuditAnchorsService) {}

  @Post('anchors')
  @HttpCode(200)
  @ApiOperation({ summary: "Sign the global chain's current head and write the anchor outside the database" })
  @ApiOkResponse({ type: AnchorDto }) @ApiServiceUnavailableResponse({ description: 'No TRESTLE_AUDIT_KEY, or the sink refused the anchor (problem+json)' })
  async anchor(): Promise<AnchorDto> {
    try {
      const { anchor, written } = await this.anchors.anchor();
      return { written, events: anchor.events, position: anchor.last?.position ?? null, link: anchor.link, anchoredAt: anchor.anchoredAt, keyId: anchor.keyId, sink: this.anchors.sink.description };
    } catch (error) {
      const detail = error instanceof AnchoringUnavailableError ? error.message : `the anchor could not be written (${this.anchors.sink.description}): ${(error as Error).message}`;
      throw new ServiceUnavailableException({ type: 'https://trestle.dev/problems/anchoring-unavailable', title: 'Service Unavailable', status: 503, detail });
    }
  }
}
