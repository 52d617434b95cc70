import type { Audit, Origin } from '../data/model.js';
import { ApiError, badRequest } from '../http/errors.js';
import type { Body } from '../http/params.js';

const ORIGIN_FIELDS = ['origin_id', 'origin_data', 'origin_code'] as const;

/** origin_id is unique per object type within a company (facts §4); deleted rows still hold theirs. */
export const assertOriginFree = (rows: Iterable<Audit & Origin>, originId: string | null, exceptId: number | null): void => {
  if (originId === null) return;
  for (const row of rows) {
    if (row.id !== exceptId && row.originId === originId) {
      throw new ApiError(409, 'Origin ID has already been taken', { origin_id: ['has already been taken'] });
    }
  }
};

const originValue = (value: unknown, name: string): string | null => {
  if (value === null) return null;
  if (typeof value === 'string' && value.length <= 255) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw badRequest(`${name} must be a string`, { [name]: ['must be a string'] });
};

/**
 * Applies origin_id / origin_data (/ origin_code where `withCode`) from a PATCH body; any other
 * field is refused with 406, as Procore does for unknown fields (facts §3), since the simulator
 * only lets integrations write their own keys.
 */
export const patchOrigin = <T extends Audit & Origin>(rows: Iterable<T>, row: T, fields: Body, withCode = false): void => {
  const allowed: readonly string[] = withCode ? ORIGIN_FIELDS : ORIGIN_FIELDS.slice(0, 2);
  const unknown = Object.keys(fields).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new ApiError(406, `Unknown or read-only field(s): ${unknown.join(', ')}`);
  const next = {
    originId: 'origin_id' in fields ? originValue(fields.origin_id, 'origin_id') : row.originId,
    originData: 'origin_data' in fields ? originValue(fields.origin_data, 'origin_data') : row.originData,
    originCode: 'origin_code' in fields ? originValue(fields.origin_code, 'origin_code') : row.originCode,
  };
  assertOriginFree(rows, next.originId, row.id);
  Object.assign(row, next);
};
