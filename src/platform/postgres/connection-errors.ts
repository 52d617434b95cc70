/** Socket-level failures: the server is gone, restarting, or not reachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * SQLSTATEs of a server going away or not yet back: class 08 (connection exception),
 * 57P01 admin_shutdown (`pg_ctl stop -m fast`), 57P02 crash_shutdown (`-m immediate`),
 * 57P03 cannot_connect_now (starting up, in recovery, shutting down).
 */
const isShutdownState = (code: string): boolean => code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03';

/** What node-postgres throws, without a code, when a connection dies under a query or was already dead. */
const DEAD_CONNECTION = /connection terminated|not queryable|timeout exceeded when trying to connect|connection ended/i;

/**
 * True when a node-postgres error says the database could not be reached, as opposed to a
 * query the database refused: worth waiting for, never a reason to give up on the work.
 */
export const isConnectionError = (error: unknown): boolean => {
  if (error instanceof AggregateError && error.errors.some(isConnectionError)) return true; // net tries each address
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || isShutdownState(code))) return true;
  return DEAD_CONNECTION.test(error.message);
};
