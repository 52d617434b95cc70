import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StorageBackends } from '../adapters/eventstore/open-event-store.js';
import { PostgresEventStore } from '../adapters/eventstore/postgres/index.js';
import { STORAGE } from '../platform/tokens.js';
import { auditProjection } from './audit/audit.projection.js';
import { DocumentHistory } from './audit/document-history.js';
import { PortStreamReader, PostgresStreamReader, type StreamReader } from './audit/stream-reader.js';
import type { ProjectionDefinition } from './engine/projection.js';
import { PROJECTIONS_DATA_SOURCE, projectionsDataSourceOptions } from './projections-db.js';
import { PROJECTION_DEFINITIONS, ProjectionsService } from './projections.service.js';
import { ReconciliationQueries } from './reconciliation/recon-queries.js';
import { reconciliationProjection } from './reconciliation/reconciliation.projection.js';
import { postgresSagaReadModels } from './saga-context/postgres-saga-read-models.js';
import { SAGA_CONTEXT, sagaContextProjection } from './saga-context/saga-context.projection.js';
import { SAGA_READ_MODELS } from '../sagas/context/read-model-ports.js';

/** Events in this PostgreSQL: read a document's streams in one query; elsewhere (EventStoreDB) through the port. */
const streamReaderFor = (storage: StorageBackends, db: DataSource): StreamReader =>
  storage.store instanceof PostgresEventStore ? new PostgresStreamReader(db) : new PortStreamReader(storage.store);

export const DEFAULT_PROJECTIONS: readonly ProjectionDefinition[] = [reconciliationProjection, auditProjection, sagaContextProjection];

/**
 * The read models: their TypeORM DataSource on the storage's PostgreSQL, the runners that
 * keep them current, and the services that read them (reports, document history, the sagas'
 * read-model ports). Global, so the sagas module finds SAGA_READ_MODELS without importing it.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(definitions: readonly ProjectionDefinition[] = DEFAULT_PROJECTIONS): DynamicModule {
    const dataSource = getDataSourceToken(PROJECTIONS_DATA_SOURCE);
    return {
      module: ProjectionsModule,
      global: true,
      imports: [TypeOrmModule.forRootAsync({
        name: PROJECTIONS_DATA_SOURCE,
        inject: [STORAGE],
        useFactory: async (storage: StorageBackends) => ({ ...(await projectionsDataSourceOptions(storage.databaseUrl)), retryAttempts: 2, retryDelay: 500 }),
      })],
      providers: [
        { provide: PROJECTION_DEFINITIONS, useValue: definitions },
        ProjectionsService,
        { provide: ReconciliationQueries, inject: [dataSource], useFactory: (db: DataSource) => new ReconciliationQueries(db) },
        { provide: DocumentHistory, inject: [STORAGE, dataSource], useFactory: (storage: StorageBackends, db: DataSource) => new DocumentHistory(db, streamReaderFor(storage, db)) },
        {
          provide: SAGA_READ_MODELS, inject: [dataSource, ProjectionsService],
          useFactory: (db: DataSource, projections: ProjectionsService) => postgresSagaReadModels(db, (position, signal) => projections.reachedBy(SAGA_CONTEXT, position, signal)),
        },
      ],
      exports: [ProjectionsService, ReconciliationQueries, DocumentHistory, SAGA_READ_MODELS],
    };
  }
}
