import { Module } from '@nestjs/common';
import { XeroSource } from './xero-source.js';
import { XeroWebhookController } from './xero-webhook.controller.js';

/** Xero as an inbound source: its webhook route and its fetches and polls (registered with the pipeline). Needs InboundModule (global). */
@Module({ controllers: [XeroWebhookController], providers: [XeroSource] })
export class XeroInboundModule {}
