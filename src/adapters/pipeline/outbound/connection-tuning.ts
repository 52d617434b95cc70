import type { ConnectionConfig } from '../../../platform/config/connection.types.js';
import type { ConnectionTuning } from './outbound-dispatcher.js';

/** Each connection's `outbound` block as dispatcher tuning; connections without one keep the hub-wide options. */
export const connectionTuning = (connections: readonly ConnectionConfig[]): Record<string, ConnectionTuning> =>
  Object.fromEntries(connections.flatMap((c): Array<[string, ConnectionTuning]> => {
    const outbound = c.outbound;
    if (!outbound) return [];
    const retry = { ...outbound.retry, ...(outbound.timeoutMs === undefined ? {} : { callTimeoutMs: outbound.timeoutMs }) };
    return [[c.name, { retry, ...(outbound.breaker ? { breaker: outbound.breaker } : {}) }]];
  }));

/** The connections whose writes to the books wait for an operator's approval (`postingMode: approval`). */
export const approvalConnections = (connections: readonly ConnectionConfig[]): string[] =>
  connections.filter((c) => c.postingMode === 'approval').map((c) => c.name);

/** The connections whose writes to the books are recorded, not sent (`postingMode: dry-run`). */
export const dryRunConnections = (connections: readonly ConnectionConfig[]): string[] =>
  connections.filter((c) => c.postingMode === 'dry-run').map((c) => c.name);
