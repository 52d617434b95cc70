import { HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { ChangeNotice } from '../../pipeline/inbound/inbox/inbox-events.js';
import { WebhookController } from '../../pipeline/inbound/webhooks/webhook-controller.decorators.js';
import { deliveryOf } from '../../pipeline/inbound/webhooks/webhook-http.setup.js';
import { header, jsonBody, WebhookIntake, type Receipt } from '../../pipeline/inbound/webhooks/webhook-intake.service.js';
import { rejectWebhook, type RawDelivery } from '../../pipeline/inbound/webhooks/webhook-problems.js';
import { keysSigning } from '../../pipeline/inbound/webhooks/signatures.js';
import { parseQuickBooksPayload } from './quickbooks-payload.js';
import { quickBooksByRealm, quickBooksVerifierTokens } from './quickbooks-realms.js';

/** Intuit's webhooks: one route for every company; the realms in the delivery pick the connections. */
@WebhookController()
export class QuickBooksWebhookController {
  constructor(private readonly intake: WebhookIntake) {}

  @ApiOperation({ summary: 'QuickBooks Online webhook (legacy or CloudEvents), signed with intuit-signature' })
  @Post('quickbooks')
  @HttpCode(200)
  receive(@Req() request: FastifyRequest): Promise<Receipt> {
    return this.verifyAndRecord(deliveryOf(request));
  }

  /** `intuit-signature` over the raw bytes; the delivery's realms pick the connections. */
  private async verifyAndRecord(delivery: RawDelivery): Promise<Receipt> {
    const connections = this.intake.connections.all();
    const signedWith = keysSigning(header(delivery, 'intuit-signature'), quickBooksVerifierTokens(connections), delivery.body);
    if (signedWith.length === 0) return rejectWebhook(delivery, 401, 'webhook-unauthorized', 'intuit-signature is missing or does not match');
    const payload = parseQuickBooksPayload(jsonBody(delivery));
    if (!payload.ok) return rejectWebhook(delivery, 400, 'malformed-webhook', payload.detail);
    let ignored = 0;
    const notices = payload.value.flatMap(({ realmId, ...notice }) => {
      const targets = quickBooksByRealm(connections, realmId, signedWith);
      if (targets.length === 0) ignored++;
      return targets.map((c): ChangeNotice => ({ ...notice, connection: c.name, source: 'quickbooks' }));
    });
    return this.intake.record(notices, ignored);
  }
}
