import { describe, expect, it } from 'vitest';
import { ApiKeyRing, generateDemoKeys, hashKey, parseApiKeysEnv } from './api-keys.js';

describe('API keys', () => {
  it('parses TRESTLE_API_KEYS and names each bad entry', () => {
    const { keys, problems } = parseApiKeysEnv('admin:aaaaaaaaaaaaaaaa1, finance:short, boss:bbbbbbbbbbbbbbbbbb');
    expect(keys).toEqual([{ role: 'admin', key: 'aaaaaaaaaaaaaaaa1' }]);
    expect(problems).toEqual([
      'TRESTLE_API_KEYS[1]: the finance key must be at least 16 characters',
      'TRESTLE_API_KEYS[2]: role "boss" is not one of finance, auditor, operator, bookkeeper, estimator, admin',
    ]);
  });

  it('accepts operator and bookkeeper keys from TRESTLE_API_KEYS', () => {
    const { keys, problems } = parseApiKeysEnv('operator:the-operator-key-1234,bookkeeper:the-bookkeeper-key-12');
    expect(problems).toEqual([]);
    expect(keys).toEqual([{ role: 'operator', key: 'the-operator-key-1234' }, { role: 'bookkeeper', key: 'the-bookkeeper-key-12' }]);
  });

  it('tells an operator key from a bookkeeper key, plain or hashed as the config loader gives it', () => {
    const ring = new ApiKeyRing([
      { role: 'operator', key: 'the-operator-key-1234' },
      { role: 'bookkeeper', keyHash: hashKey('the-bookkeeper-key-12').toString('hex'), name: 'books' },
    ]);
    expect(ring.identify('the-operator-key-1234')).toMatchObject({ role: 'operator', name: 'operator-1' });
    expect(ring.identify('the-bookkeeper-key-12')).toMatchObject({ role: 'bookkeeper', name: 'books' });
    expect(ring.identify('the-bookkeeper-key-13')).toBeUndefined();
  });

  it('keeps only hashes and identifies a key by its hash', () => {
    const ring = new ApiKeyRing([{ role: 'auditor', key: 'the-auditor-key-123' }]);
    expect(JSON.stringify(ring)).not.toContain('the-auditor-key-123');
    expect(ring.identify('the-auditor-key-123')?.role).toBe('auditor');
    expect(ring.identify('the-auditor-key-124')).toBeUndefined();
  });

  it('generates one distinct demo key per role', () => {
    const keys = generateDemoKeys();
    expect(keys.map((k) => k.role)).toEqual(['finance', 'auditor', 'operator', 'bookkeeper', 'estimator', 'admin']);
    expect(new Set(keys.map((k) => k.key)).size).toBe(6);
  });
});
