import { Module } from '@nestjs/common';
import { ProcoreHookSetup } from './procore-hook-setup.js';
import { ProcoreHooksController } from './procore-hooks.controller.js';

/** `POST /admin/connections/{connection}/procore-hooks` (and `trestle procore hooks`). Needs InboundModule (global). */
@Module({ controllers: [ProcoreHooksController], providers: [ProcoreHookSetup] })
export class ProcoreHooksModule {}
