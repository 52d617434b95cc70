import { Controller, Get, Query } from '@nestjs/common';
import { ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AlertService } from '../../adapters/alerts/alert-service.js';

/**
 * Open incidents for the operator. Routes live under /admin: the API's role guard protects
 * that prefix (operator/admin roles).
 */
@ApiTags('admin')
@ApiSecurity('apiKey')
@Controller('admin')
export class AlertsController {
  constructor(private readonly alerts: AlertService) {}

  @Get('alerts')
  @ApiQuery({ name: 'connection', required: false })
  @ApiQuery({ name: 'kind', required: false, enum: ['dead-letter', 'breaker', 'quarantine'] })
  async openAlerts(@Query('connection') connection?: string, @Query('kind') kind?: string) {
    return { items: await this.alerts.open({ connection, kind }) };
  }

  /** Documents parked (missing mapping, failed validation) and not yet resumed. */
  @Get('quarantine')
  @ApiQuery({ name: 'connection', required: false })
  async quarantine(@Query('connection') connection?: string) {
    const open = await this.alerts.open({ connection, kind: 'quarantine' });
    return { items: open.map((a) => ({ documentStream: a.documentStream, connection: a.connection, reason: a.error, since: a.raisedAt })) };
  }
}
