import { Module } from '@nestjs/common';
import { XeroClientsModule } from '../xero-clients.js';
import { XeroSource } from './xero-source.js';
import { XeroWebhookController } from './xero-webhook.controller.js';

/** Xero as an inbound source: its webhook route and its fetches and polls (registered with the pipeline). Needs InboundModule (global). */
@Module({ imports: [XeroClientsModule], controllers: [XeroWebhookController], providers: [XeroSource] })
export class XeroInboundModule {}
