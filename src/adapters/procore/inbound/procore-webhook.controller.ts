import { HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { WebhookController } from '../../pipeline/inbound/webhooks/webhook-controller.decorators.js';
import { deliveryOf } from '../../pipeline/inbound/webhooks/webhook-http.setup.js';
import { header, jsonBody, WebhookIntake, type Receipt } from '../../pipeline/inbound/webhooks/webhook-intake.service.js';
import { rejectWebhook, type RawDelivery } from '../../pipeline/inbound/webhooks/webhook-problems.js';
import { secretsMatch } from '../../pipeline/inbound/webhooks/signatures.js';
import { parseProcorePayload } from './procore-payload.js';

/** Procore's webhooks: one route per connection, since Procore signs nothing and the connection's hook header is the proof. */
@WebhookController()
export class ProcoreWebhookController {
  constructor(private readonly intake: WebhookIntake) {}

  @ApiOperation({ summary: 'Procore webhook (payload v2, v3 or v4); Authorization must equal the hook\'s configured header' })
  @Post('procore/:connection')
  @HttpCode(200)
  receive(@Param('connection') connection: string, @Req() request: FastifyRequest): Promise<Receipt> {
    return this.verifyAndRecord(connection, deliveryOf(request));
  }

  /** Procore signs nothing: it sends back the Authorization header configured on the hook (facts §6.2). */
  private async verifyAndRecord(connectionName: string, delivery: RawDelivery): Promise<Receipt> {
    const connection = this.intake.connections.get(connectionName);
    const expected = connection?.construction.webhookAuthorization ?? '';
    if (!secretsMatch(header(delivery, 'authorization'), expected) || !connection) {
      return rejectWebhook(delivery, 401, 'webhook-unauthorized', 'the Authorization header does not match this connection');
    }
    const payload = parseProcorePayload(jsonBody(delivery));
    if (!payload.ok) return rejectWebhook(delivery, 400, 'malformed-webhook', payload.detail);
    const { companyId, payloadVersion: _version, ...notice } = payload.value;
    if (companyId !== null && companyId !== connection.construction.companyId) {
      return rejectWebhook(delivery, 422, 'wrong-company', `company_id ${companyId} is not this connection's company`);
    }
    const projects = connection.construction.projectIds;
    if (projects && notice.projectId !== null && !projects.includes(notice.projectId)) return { received: 0, duplicates: 0, ignored: 1 };
    return this.intake.record([{ ...notice, connection: connection.name, source: 'procore' }], 0);
  }
}
