import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { ReconciliationDocumentView, ReconciliationRowView } from './reconciliation/recon-views.entities.js';

/** Name of the read models' TypeORM DataSource (`@InjectDataSource(PROJECTIONS_DATA_SOURCE)`). */
export const PROJECTIONS_DATA_SOURCE = 'projections';

export const PROJECTION_ENTITIES = [ReconciliationRowView, ReconciliationDocumentView];

/** PGlite reports itself in version(); it has one backend, so one connection is all it can use. */
export const isEmbeddedPostgres = async (url: string): Promise<boolean> => {
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  try {
    const { rows } = await probe.query<{ version: string }>('SELECT version()');
    return rows[0]?.version.includes('PGlite') ?? false;
  } finally {
    await probe.end();
  }
};

/**
 * The read models live in the projections schema of the PostgreSQL the storage names
 * (even when events live in EventStoreDB). Tables are created by the projections
 * themselves, one set per generation, so TypeORM never synchronizes.
 */
export const projectionsDataSourceOptions = async (url: string): Promise<DataSourceOptions> => ({
  type: 'postgres',
  url,
  entities: PROJECTION_ENTITIES,
  synchronize: false,
  migrationsRun: false,
  extra: { max: (await isEmbeddedPostgres(url)) ? 1 : 4 },
});
