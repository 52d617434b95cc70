import type { ProjectionDefinition } from '../engine/projection.js';
import { RECONCILIATION_EVENT_TYPES } from './recon-event-types.js';
import { ReconModel } from './recon-model.js';
import { reconDdl, reconTables, reconViews } from './recon-tables.js';

/** Reconciliation per connection × project × cost code × cost type, and the document list behind its discrepancies. */
export const reconciliationProjection: ProjectionDefinition = {
  name: 'reconciliation',
  // 2: labour (timecards), the books' side beside the hub's, retainage paid, payments against the net due.
  // 4: per-commitment retainage (the invoice's commitment and its retainage per line on each document).
  version: 4,
  filter: { eventTypes: RECONCILIATION_EVENT_TYPES },
  ddl: reconDdl,
  views: reconViews,
  tables: (generation) => Object.values(reconTables(generation)),
  model: (generation, mode) => new ReconModel(generation, mode),
};
