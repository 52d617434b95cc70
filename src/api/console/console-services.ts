import { Inject, Injectable, Optional } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AlertService } from '../../adapters/alerts/alert-service.js';
import { CHART_OF_ACCOUNTS, type ChartOfAccountsSource } from '../../adapters/mapping/chart-of-accounts.js';
import { MappingService } from '../../adapters/mapping/mapping.service.js';
import { OutboundService } from '../../adapters/pipeline/outbound/outbound.service.js';
import type { EventStore } from '../../eventstore/index.js';
import { EVENT_STORE } from '../../platform/tokens.js';
import { AuditAnchorsService } from '../../projections/audit/anchoring/audit-anchors.service.js';
import { DocumentHistory } from '../../projections/audit/document-history.js';
import { PROJECTIONS_DATA_SOURCE } from '../../projections/projections-db.js';
import { ReconciliationQueries } from '../../projections/reconciliation/recon-queries.js';

/**
 * The services the REST API reads through, handed to every view. The adapters' services are
 * optional: a hub composed without outbound, alerts or mapping (some tests) still serves the
 * other views, and a view says what it cannot show.
 */
@Injectable()
export class ConsoleServices {
  constructor(
    readonly reconciliation: ReconciliationQueries,
    readonly documents: DocumentHistory,
    readonly anchors: AuditAnchorsService,
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(getDataSourceToken(PROJECTIONS_DATA_SOURCE)) readonly projections: DataSource,
    @Optional() readonly alerts?: AlertService,
    @Optional() readonly outbound?: OutboundService,
    @Optional() readonly mappings?: MappingService,
    @Optional() @Inject(CHART_OF_ACCOUNTS) readonly chart?: ChartOfAccountsSource,
  ) {}

  /** The connections the hub knows (from the mapping service), for the pickers. */
  connections(): string[] {
    return this.mappings?.connections() ?? [];
  }
}
