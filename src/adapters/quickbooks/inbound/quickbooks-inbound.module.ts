import { Module } from '@nestjs/common';
import { QuickBooksClientsModule } from '../quickbooks-clients.js';
import { QuickBooksSource } from './quickbooks-source.js';
import { QuickBooksWebhookController } from './quickbooks-webhook.controller.js';

/** QuickBooks as an inbound source: its webhook route and its fetches and polls (registered with the pipeline). Needs InboundModule (global). */
@Module({ imports: [QuickBooksClientsModule], controllers: [QuickBooksWebhookController], providers: [QuickBooksSource] })
export class QuickBooksInboundModule {}
