import { Global, Module } from '@nestjs/common';
import { ProcoreClientsModule } from '../procore-clients.js';
import { ProcoreHookSetup } from './procore-hook-setup.js';

/** Registers a connection's Procore hook and triggers (the route is src/api/admin's). Needs InboundModule (global). */
@Global()
@Module({ imports: [ProcoreClientsModule], providers: [ProcoreHookSetup], exports: [ProcoreHookSetup] })
export class ProcoreHooksModule {}
