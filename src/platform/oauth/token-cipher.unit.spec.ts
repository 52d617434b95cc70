import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenCipher } from './token-cipher.js';

describe('TokenCipher during a key rotation', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const written = new TokenCipher(oldKey).encrypt('refresh-token', 'acme/quickbooks');

  it('reads what the previous key wrote, and writes only under the current key', () => {
    const rotating = new TokenCipher(newKey, [oldKey]);
    expect(rotating.decrypt(written, 'acme/quickbooks')).toBe('refresh-token');
    expect(rotating.isCurrent(written, 'acme/quickbooks')).toBe(false);
    const rewritten = rotating.encrypt('refresh-token', 'acme/quickbooks');
    expect(rotating.isCurrent(rewritten, 'acme/quickbooks')).toBe(true);
    expect(new TokenCipher(newKey).decrypt(rewritten, 'acme/quickbooks')).toBe('refresh-token');
    expect(() => new TokenCipher(oldKey).decrypt(rewritten, 'acme/quickbooks')).toThrow();
  });

  it('still refuses another row\'s token and a key it was not given', () => {
    expect(() => new TokenCipher(newKey, [oldKey]).decrypt(written, 'other/quickbooks')).toThrow();
    expect(() => new TokenCipher(newKey).decrypt(written, 'acme/quickbooks')).toThrow();
    expect(() => new TokenCipher(newKey, [randomBytes(16)])).toThrow(/32 bytes/);
  });
});
