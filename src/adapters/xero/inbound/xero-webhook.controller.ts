import { HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { ChangeNotice } from '../../pipeline/inbound/inbox/inbox-events.js';
import { WebhookController } from '../../pipeline/inbound/webhooks/webhook-controller.decorators.js';
import { deliveryOf } from '../../pipeline/inbound/webhooks/webhook-http.setup.js';
import { header, jsonBody, WebhookIntake, type Receipt } from '../../pipeline/inbound/webhooks/webhook-intake.service.js';
import { rejectWebhook, type RawDelivery } from '../../pipeline/inbound/webhooks/webhook-problems.js';
import { keysSigning } from '../../pipeline/inbound/webhooks/signatures.js';
import { parseXeroPayload } from './xero-payload.js';
import { xeroByTenant, xeroWebhookKeys } from './xero-tenants.js';

/** Xero's webhooks: one route for every organisation; the tenants in the delivery pick the connections. */
@WebhookController()
export class XeroWebhookController {
  constructor(private readonly intake: WebhookIntake) {}

  /** Xero wants 200 with an empty body (intent to receive included) and 401 for a bad signature. */
  @ApiOperation({ summary: 'Xero webhook, signed with x-xero-signature; 200 with an empty body' })
  @Post('xero')
  @HttpCode(200)
  async receive(@Req() request: FastifyRequest): Promise<void> {
    await this.verifyAndRecord(deliveryOf(request));
  }

  /** `x-xero-signature`; an intent-to-receive probe is a signed delivery with no events. */
  private async verifyAndRecord(delivery: RawDelivery): Promise<Receipt> {
    const connections = this.intake.connections.all();
    const signedWith = keysSigning(header(delivery, 'x-xero-signature'), xeroWebhookKeys(connections), delivery.body);
    if (signedWith.length === 0) return rejectWebhook(delivery, 401, 'webhook-unauthorized', 'x-xero-signature is missing or does not match');
    const payload = parseXeroPayload(jsonBody(delivery));
    if (!payload.ok) return rejectWebhook(delivery, 400, 'malformed-webhook', payload.detail);
    let ignored = 0;
    const notices = payload.value.flatMap(({ tenantId, ...notice }) => {
      const targets = xeroByTenant(connections, tenantId, signedWith);
      if (targets.length === 0) ignored++;
      return targets.map((c): ChangeNotice => ({ ...notice, connection: c.name, source: 'xero' }));
    });
    return this.intake.record(notices, ignored);
  }
}
