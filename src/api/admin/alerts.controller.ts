import { Controller, Get, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access } from '../shared/access.js';
import { AlertService } from '../../adapters/alerts/alert-service.js';
import { NamedConnection } from '../shared/named-connection.js';

/** Open incidents and parked documents: the operator's and admin's. */
@ApiTags('admin')
@Access('operator')
@Controller('admin')
export class AlertsController {
  constructor(private readonly alerts: AlertService, private readonly named: NamedConnection) {}

  @Get('alerts')
  @ApiQuery({ name: 'connection', required: false, description: 'An unknown connection is a 404 problem' })
  @ApiQuery({ name: 'kind', required: false, enum: ['dead-letter', 'breaker', 'quarantine', 'target-paused'] })
  async openAlerts(@Query('connection') connection?: string, @Query('kind') kind?: string) {
    await this.named.check(connection, async () => (await this.alerts.open({ connection })).length);
    return { items: await this.alerts.open({ connection, kind }) };
  }

  /** Documents parked (missing mapping, failed validation) and not yet resumed. */
  @Get('quarantine')
  @ApiQuery({ name: 'connection', required: false, description: 'An unknown connection is a 404 problem' })
  async quarantine(@Query('connection') connection?: string) {
    await this.named.check(connection, async () => (await this.alerts.open({ connection })).length);
    const open = await this.alerts.open({ connection, kind: 'quarantine' });
    return { items: open.map((a) => ({ documentStream: a.documentStream, connection: a.connection, reason: a.error, since: a.raisedAt })) };
  }
}
