import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access } from '../shared/access.js';
import { NamedConnection } from '../shared/named-connection.js';
import type { FailureStatus } from '../../adapters/pipeline/outbound/failure-ledger.js';
import { OutboundService } from '../../adapters/pipeline/outbound/outbound.service.js';
import { problem } from '../../adapters/pipeline/outbound/problem.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES: readonly FailureStatus[] = ['dead-lettered', 'failed', 'retrying'];

const requestIdOf = (value: string): string => {
  if (!UUID.test(value)) throw problem(400, 'invalid-request-id', 'Bad Request', `"${value.slice(0, 64)}" is not a request id (a UUID)`);
  return value;
};

const intOf = (name: string, value: string | undefined, min: number, max: number): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw problem(400, 'invalid-query', 'Bad Request', `${name} must be an integer from ${min} to ${max}`);
  return n;
};

/**
 * Failed outbound requests: dead letters (retry budget spent) and refusals, newest first,
 * and the retry. The operator's and admin's.
 */
@ApiTags('admin')
@Access('operator')
@Controller('admin/failures')
export class FailuresController {
  constructor(private readonly outbound: OutboundService, private readonly named: NamedConnection) {}

  @Get()
  @ApiQuery({ name: 'connection', required: false, description: 'An unknown connection is a 404 problem' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'limit', required: false, description: '1-200, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  async list(@Query('connection') connection?: string, @Query('status') status?: string, @Query('limit') limit?: string, @Query('cursor') cursor?: string) {
    if (status !== undefined && !STATUSES.includes(status as FailureStatus)) throw problem(400, 'invalid-query', 'Bad Request', `status must be one of ${STATUSES.join(', ')}`);
    const before = intOf('cursor', cursor, 0, Number.MAX_SAFE_INTEGER);
    // A retired connection is known by any failure on record, whatever the status or page asked.
    await this.named.check(connection, async () => (await this.outbound.ledger.list({ connection, limit: 1 })).items.length);
    return this.outbound.ledger.list({ connection, status: status as FailureStatus | undefined, limit: intOf('limit', limit, 1, 200) ?? 50, before });
  }

  @Get(':requestId')
  async detail(@Param('requestId') requestId: string) {
    const found = await this.outbound.failure(requestIdOf(requestId));
    if (!found) throw problem(404, 'failure-not-found', 'Not Found', `no failed outbound request ${requestId}`);
    return found;
  }

  @Post(':requestId/retry')
  @HttpCode(202)
  async retry(@Param('requestId') requestId: string, @Body() body?: { reason?: unknown }) {
    const reason = typeof body?.reason === 'string' ? body.reason.slice(0, 500) : null;
    const answer = await this.outbound.retry(requestIdOf(requestId), { reason });
    if (answer.ok) return { requestId: answer.requestId, cycle: answer.cycle, status: 'retry-requested' };
    if (answer.reason === 'not-found') throw problem(404, 'failure-not-found', 'Not Found', answer.detail);
    throw problem(409, answer.reason === 'conflict' ? 'retry-conflict' : 'not-retryable', 'Conflict', answer.detail);
  }
}
