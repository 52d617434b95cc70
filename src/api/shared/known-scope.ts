import { Injectable, Optional } from '@nestjs/common';
import { ConnectionsService } from '../../adapters/pipeline/inbound/connections.service.js';
import { problem } from '../../adapters/pipeline/outbound/problem.js';
import { ReconciliationQueries } from '../../projections/reconciliation/recon-queries.js';

export const unknownConnection = (name: string) => problem(404, 'unknown-connection', 'Not Found', `no connection named ${name}`);

/**
 * Whether a connection or project a request names exists, so a typo answers a 404 problem
 * instead of an empty 200 that reads as "nothing to reconcile". A connection is known when it
 * is configured or the reconciliation holds its documents (a retired connection's history);
 * a project when the reconciliation holds a document of it.
 */
@Injectable()
export class KnownScope {
  constructor(private readonly queries: ReconciliationQueries, @Optional() private readonly connections?: ConnectionsService) {}

  configured(name: string): boolean {
    return this.connections?.get(name) !== undefined;
  }

  /** An unknown connection is named before its project. */
  async check(scope: { readonly connection?: string; readonly project?: string }): Promise<void> {
    const { connection, project } = scope;
    if (connection !== undefined && !this.configured(connection) && !(await this.queries.holds({ connection }))) throw unknownConnection(connection);
    if (project !== undefined && !(await this.queries.holds({ connection, project }))) {
      throw problem(404, 'unknown-project', 'Not Found', `no project ${project}${connection === undefined ? '' : ` in connection ${connection}`}`);
    }
  }
}
