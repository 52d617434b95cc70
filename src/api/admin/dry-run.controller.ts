import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { OutboundService } from '../../adapters/pipeline/outbound/outbound.service.js';
import { withDecimalMoney } from '../audit/decimal-money.js';
import { Access } from '../shared/access.js';
import { NamedConnection } from '../shared/named-connection.js';

/** What connections in `dry-run` posting mode would have written to the books: the operator's and admin's. */
@ApiTags('admin')
@Access('operator')
@Controller('admin/dry-run')
export class DryRunController {
  constructor(private readonly outbound: OutboundService, private readonly named: NamedConnection) {}

  @Get()
  @ApiOperation({ summary: 'Each write a dry-run connection recorded instead of sending: the request exactly as drafted (money in decimal strings), oldest first' })
  @ApiQuery({ name: 'connection', required: false, description: 'An unknown connection is a 404 problem' })
  async list(@Query('connection') connection?: string) {
    const items = await this.outbound.dryRun.list({ connection });
    await this.named.check(connection, async () => items.length);
    return { items: items.map((d) => ({ ...d, request: withDecimalMoney(d.request) })) };
  }
}
