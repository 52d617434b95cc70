import { Module, type DynamicModule } from '@nestjs/common';
import type { ProjectionDefinition } from '../projections/engine/projection.js';
import { DEFAULT_PROJECTIONS, ProjectionsModule } from '../projections/projections.module.js';
import { ProjectionsController } from './admin/projections.controller.js';
import { AuditAnchorsService } from '../projections/audit/anchoring/audit-anchors.service.js';
import { AuditAnchorsController } from './audit/audit-anchors.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { FinanceController } from './finance/finance.controller.js';
import { KnownScope } from './shared/known-scope.js';
import { CONSOLE } from './console/index.js';

/**
 * The read side's REST API: finance reports, the auditor's routes and projection rebuilds,
 * on top of the projections. Compose with AuthModule.forRoot(keys) in createHub's features.
 */
@Module({})
export class ReportingApiModule {
  static forRoot(definitions: readonly ProjectionDefinition[] = DEFAULT_PROJECTIONS): DynamicModule {
    return {
      module: ReportingApiModule,
      imports: [ProjectionsModule.forRoot(definitions)],
      controllers: [FinanceController, AuditController, AuditAnchorsController, ProjectionsController, ...CONSOLE.controllers],
      providers: [AuditAnchorsService, KnownScope, ...CONSOLE.providers],
    };
  }
}
