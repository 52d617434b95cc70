import type { ProjectionDefinition } from '../engine/projection.js';
import { ReconModel } from './recon-model.js';
import { reconDdl, reconTables, reconViews } from './recon-tables.js';

/**
 * Reconciliation per connection × project × cost code × cost type, and the document list
 * behind its discrepancies. No event filter: saga and outbound streams carry outcome types
 * of every saga, present and future; events it does not know are skipped cheaply.
 */
export const reconciliationProjection: ProjectionDefinition = {
  name: 'reconciliation',
  version: 1,
  ddl: reconDdl,
  views: reconViews,
  tables: (generation) => Object.values(reconTables(generation)),
  model: (generation, mode) => new ReconModel(generation, mode),
};
