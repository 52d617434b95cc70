import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller.js';
import { ApprovalsController } from './approvals.controller.js';
import { DryRunController } from './dry-run.controller.js';
import { FailuresController } from './failures.controller.js';
import { MappingController, MappingsController } from './mapping.controller.js';
import { RemapController } from './remap.controller.js';
import { ProcoreHooksController } from './procore-hooks.controller.js';
import { SecretsController } from './secrets.controller.js';
import { NamedConnection } from '../shared/named-connection.js';

// One module per area, so a test that composes one feature (say MappingModule) mounts its routes
// without the services of the others. Each needs its feature module (all global) in the hub.

/** /admin/alerts, /admin/quarantine: needs AlertsModule. */
@Module({ controllers: [AlertsController], providers: [NamedConnection] })
export class AlertsApiModule {}

/** /admin/failures, /admin/approvals, /admin/dry-run: needs OutboundModule. */
@Module({ controllers: [FailuresController, ApprovalsController, DryRunController], providers: [NamedConnection] })
export class FailuresApiModule {}

/** /admin/mappings, /admin/connections/{c}/mapping (and its remap preview): needs MappingModule. */
@Module({ controllers: [MappingsController, MappingController, RemapController] })
export class MappingApiModule {}

/** /admin/connections/{c}/procore-hooks: needs ProcoreHooksModule. */
@Module({ controllers: [ProcoreHooksController] })
export class ProcoreHooksApiModule {}

/** /admin/secrets: needs InboundModule (the token store). */
@Module({ controllers: [SecretsController] })
export class SecretsApiModule {}

/** Every /admin route but the projections' (ReportingApiModule has those). */
@Module({ imports: [AlertsApiModule, FailuresApiModule, MappingApiModule, ProcoreHooksApiModule, SecretsApiModule] })
export class AdminApiModule {}
