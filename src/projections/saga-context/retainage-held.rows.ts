import {
  evolveRetainageHeld, initialRetainageHeldState, retainageHeldFor, type RetainageHeldChanged, type RetainageHeldState,
} from '../../domain/owner-invoices/index.js';
import type { Cents } from '../../domain/shared/money.js';
import { select, type Sql } from '../engine/projection.js';
import type { KeyedFold } from './keyed-rows.js';

/**
 * Retainage receivable held per project (`project|{projectId}`): the domain's fold of
 * RetainageHeldChanged.v1, one project's state per row (its causes applied once each).
 */
export const retainageHeldFold: KeyedFold<RetainageHeldState> = {
  base: 'saga_retainage_held',
  eventTypes: ['RetainageHeldChanged.v1'],
  readsCurrent: true,
  keysOf: (event) => {
    const projectId = (event.data as { projectId?: unknown } | null)?.projectId;
    const connection = event.metadata.connection;
    return connection && typeof projectId === 'string' ? [{ connection, key: `project|${projectId}` }] : [];
  },
  evolve: (current, event) => ({ grp: null, value: evolveRetainageHeld(current ?? initialRetainageHeldState, event as unknown as RetainageHeldChanged) }),
};

export const readRetainageHeld = async (db: Sql, connection: string, projectId: string): Promise<Cents> => {
  const [row] = await select<{ value: RetainageHeldState }>(db, 'SELECT value FROM projections.saga_retainage_held WHERE connection = $1 AND key = $2',
    [connection, `project|${projectId}`]);
  return retainageHeldFor(row?.value ?? initialRetainageHeldState, projectId);
};
