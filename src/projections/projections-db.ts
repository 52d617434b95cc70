import type { DataSourceOptions } from 'typeorm';
import { ReconciliationDocumentView, ReconciliationRowView } from './reconciliation/recon-views.entities.js';

/** Name of the read models' TypeORM DataSource (`@InjectDataSource(PROJECTIONS_DATA_SOURCE)`). */
export const PROJECTIONS_DATA_SOURCE = 'projections';

export const PROJECTION_ENTITIES = [ReconciliationRowView, ReconciliationDocumentView];

/**
 * The read models live in the projections schema of the PostgreSQL the storage names
 * (even when events live in EventStoreDB). Tables are created by the projections
 * themselves, one set per generation, so TypeORM never synchronizes.
 */
export const projectionsDataSourceOptions = (url: string): DataSourceOptions => ({
  type: 'postgres',
  url,
  entities: PROJECTION_ENTITIES,
  synchronize: false,
  migrationsRun: false,
  extra: { max: 4 },
});
