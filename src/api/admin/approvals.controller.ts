import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ChangedBy } from '../../adapters/mapping/mapping-http.js';
import { OutboundService } from '../../adapters/pipeline/outbound/outbound.service.js';
import { problem } from '../../adapters/pipeline/outbound/problem.js';
import { Access } from '../shared/access.js';
import { NamedConnection } from '../shared/named-connection.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The go-live approval queue over REST, as the console's approval screen shows it: the operator's and admin's. */
@ApiTags('admin')
@Access('operator')
@Controller('admin/approvals')
export class ApprovalsController {
  constructor(private readonly outbound: OutboundService, private readonly named: NamedConnection) {}

  @Get()
  @ApiOperation({ summary: 'Requests held by connections in approval mode, each with exactly what will post and any decision' })
  @ApiQuery({ name: 'connection', required: false, description: 'An unknown connection is a 404 problem' })
  async list(@Query('connection') connection?: string) {
    const items = await this.outbound.approvals.list({ connection });
    await this.named.check(connection, async () => items.length);
    return { items };
  }

  @Post(':requestId/:decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve (it posts) or reject (it never posts) a held request; the decision is on record with the key\'s name' })
  async decide(@Param('requestId') requestId: string, @Param('decision') decision: string, @ChangedBy() by: string) {
    if (!UUID.test(requestId)) throw problem(400, 'invalid-request-id', 'Bad Request', `"${requestId.slice(0, 64)}" is not a request id (a UUID)`);
    if (decision !== 'approve' && decision !== 'reject') throw problem(400, 'invalid-decision', 'Bad Request', 'the decision must be approve or reject');
    const answer = await this.outbound.approvals.decide(requestId, decision === 'approve' ? 'approved' : 'rejected', by);
    if (answer.ok) return answer.held;
    throw problem(answer.reason === 'not-found' ? 404 : 409, answer.reason === 'not-found' ? 'held-request-not-found' : 'already-decided', answer.reason === 'not-found' ? 'Not Found' : 'Conflict', answer.detail);
  }
}
