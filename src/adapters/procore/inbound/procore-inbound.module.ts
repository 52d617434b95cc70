import { Module } from '@nestjs/common';
import { ProcoreClientsModule } from '../procore-clients.js';
import { ProcoreSource } from './procore-source.js';
import { ProcoreWebhookController } from './procore-webhook.controller.js';

/** Procore as an inbound source: its webhook route and its fetches and polls (registered with the pipeline). Needs InboundModule (global). */
@Module({ imports: [ProcoreClientsModule], controllers: [ProcoreWebhookController], providers: [ProcoreSource] })
export class ProcoreInboundModule {}
