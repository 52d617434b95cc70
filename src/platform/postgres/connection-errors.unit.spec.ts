import { describe, expect, it } from 'vitest';
import { isConnectionError } from './connection-errors.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
    ['pg_ctl stop -m fast (admin_shutdown)', withCode('terminating connection due to administrator command', '57P01')],
    ['pg_ctl stop -m immediate (crash_shutdown)', withCode('terminating connection due to crash of another server process', '57P02')],
    ['a server starting up or shutting down', withCode('the database system is shutting down', '57P03')],
    ['a connection exception (class 08)', withCode('connection failure', '08006')],
    ['a connection that died under a query', new Error('Connection terminated unexpectedly')],
    ['a client that is already dead', new Error('Client has encountered a connection error and is not queryable')],
    ['every address refused', new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '')],
  ])('%s is the database being away', (_what, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a trigger refusing an update', withCode('events are immutable', 'P0001')],
    ['not an error', 'ECONNREFUSED'],
  ])('%s is not', (_what, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});
