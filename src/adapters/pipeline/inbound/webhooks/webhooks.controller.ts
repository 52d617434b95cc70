import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { originalContentType } from './webhook-http.setup.js';
import { WebhookIntake, type Receipt } from './webhook-intake.service.js';
import type { RawDelivery } from './webhook-problems.js';
import { Public } from '../../../../platform/web/public.decorator.js';

/** The raw bytes (the webhook HTTP setup parses every webhook body as a Buffer) and headers. */
const deliveryOf = (request: FastifyRequest): RawDelivery => ({
  body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  contentType: originalContentType(request),
  headers: request.headers,
  raw: request.raw,
});

/** Webhook receivers: verify, record in the inbox, answer. Nothing is fetched in the request path. */
@ApiTags('webhooks')
@ApiConsumes('application/json')
@ApiResponse({ status: 401, description: 'Missing or wrong signature / authorization (problem details)' })
@ApiResponse({ status: 400, description: 'Malformed body (problem details)' })
/** Webhooks carry no API key: their signatures (checked in WebhookIntake) are their auth. */
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly intake: WebhookIntake) {}

  @ApiOperation({ summary: 'Procore webhook (payload v2, v3 or v4); Authorization must equal the hook\'s configured header' })
  @Post('procore/:connection')
  @HttpCode(200)
  procore(@Param('connection') connection: string, @Req() request: FastifyRequest): Promise<Receipt> {
    return this.intake.procore(connection, deliveryOf(request));
  }

  @ApiOperation({ summary: 'QuickBooks Online webhook (legacy or CloudEvents), signed with intuit-signature' })
  @Post('quickbooks')
  @HttpCode(200)
  quickBooks(@Req() request: FastifyRequest): Promise<Receipt> {
    return this.intake.quickBooks(deliveryOf(request));
  }

  /** Xero wants 200 with an empty body (intent to receive included) and 401 for a bad signature. */
  @ApiOperation({ summary: 'Xero webhook, signed with x-xero-signature; 200 with an empty body' })
  @Post('xero')
  @HttpCode(200)
  async xero(@Req() request: FastifyRequest): Promise<void> {
    await this.intake.xero(deliveryOf(request));
  }
}
