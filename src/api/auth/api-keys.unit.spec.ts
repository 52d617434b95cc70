import { describe, expect, it } from 'vitest';
import { ApiKeyRing, generateDemoKeys, parseApiKeysEnv } from './api-keys.js';

describe('API keys', () => {
  it('parses TRESTLE_API_KEYS and names each bad entry', () => {
    const { keys, problems } = parseApiKeysEnv('admin:aaaaaaaaaaaaaaaa1, finance:short, boss:bbbbbbbbbbbbbbbbbb');
    expect(keys).toEqual([{ role: 'admin', key: 'aaaaaaaaaaaaaaaa1' }]);
    expect(problems).toEqual([
      'TRESTLE_API_KEYS[1]: the finance key must be at least 16 characters',
      'TRESTLE_API_KEYS[2]: role "boss" is not one of finance, auditor, admin',
    ]);
  });

  it('keeps only hashes and identifies a key by its hash', () => {
    const ring = new ApiKeyRing([{ role: 'auditor', key: 'the-auditor-key-123' }]);
    expect(JSON.stringify(ring)).not.toContain('the-auditor-key-123');
    expect(ring.identify('the-auditor-key-123')?.role).toBe('auditor');
    expect(ring.identify('the-auditor-key-124')).toBeUndefined();
  });

  it('generates one distinct demo key per role', () => {
    const keys = generateDemoKeys();
    expect(keys.map((k) => k.role)).toEqual(['finance', 'auditor', 'admin']);
    expect(new Set(keys.map((k) => k.key)).size).toBe(3);
  });
});
