import { applyDecorators, Controller } from '@nestjs/common';
import { ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/web/public.decorator.js';

/**
 * What every vendor's webhook controller shares: under /webhooks, documented together, and
 * public (a webhook carries no API key: its signature, checked by the intake, is its auth).
 */
export const WebhookController = (): ClassDecorator => applyDecorators(
  ApiTags('webhooks'),
  ApiConsumes('application/json'),
  ApiResponse({ status: 401, description: 'Missing or wrong signature / authorization (problem details)' }),
  ApiResponse({ status: 400, description: 'Malformed body (problem details)' }),
  Public(),
  Controller('webhooks'),
);
