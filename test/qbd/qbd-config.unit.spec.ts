import { describe, expect, it } from 'vitest';
import { parseTrestleConfig } from '../../src/platform/config/connections.js';
import { ConfigError } from '../../src/platform/config/env.js';
import { verifyPassword } from '../../src/platform/config/password-hash.js';

const procore = { system: 'procore', companyId: '5358233', clientId: 'pc-id', clientSecret: 'pc-secret', webhookAuthorization: 'Bearer hook-token-0123456789' };
const qbd = { system: 'qbd', userName: 'acme-qbwc', password: '${QBWC_PASSWORD}', companyFile: 'C:\\Company\\Acme.QBW', appUrl: 'https://sync.example.com/qbwc' };
const env = { QBWC_PASSWORD: 'a-long-web-connector-password' };

const problemsOf = (accounting: unknown): string[] => {
  try {
    parseTrestleConfig({ connections: { acme: { construction: procore, accounting } } }, env, '/etc/trestle');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
};

describe('a QuickBooks Desktop connection in the config', () => {
  it('keeps the Web Connector password only as a hash, with the defaults filled in', () => {
    const accounting = parseTrestleConfig({ connections: { acme: { construction: procore, accounting: qbd } } }, env, '/etc/trestle').connections[0]!.accounting;
    expect(accounting).toMatchObject({ system: 'qbd', userName: 'acme-qbwc', companyFile: 'C:\\Company\\Acme.QBW', appUrl: 'https://sync.example.com/qbwc', runEveryMinutes: 15 });
    expect(JSON.stringify(accounting)).not.toContain(env.QBWC_PASSWORD);
    const hash = (accounting as { passwordHash: string }).passwordHash;
    expect(verifyPassword(env.QBWC_PASSWORD, hash)).toBe(true);
    expect(verifyPassword('a-long-web-connector-passworD', hash)).toBe(false);
  });

  it('names a short password, a plain-http AppURL and an unknown field', () => {
    expect(problemsOf({ ...qbd, password: 'short', appUrl: 'http://sync.example.com/qbwc', fileId: 'x' })).toEqual([
      'connections[acme].accounting.fileId: unknown field',
      'connections[acme].accounting.appUrl: the Web Connector accepts only https:// (or http://localhost)',
      'connections[acme].accounting.password: must be at least 16 characters',
    ]);
    expect(problemsOf({ ...qbd, appUrl: 'http://localhost:3000/qbwc' })).toEqual([]);
  });
});
