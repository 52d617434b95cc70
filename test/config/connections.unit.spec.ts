import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/platform/config/env.js';
import { hashApiKey, loadTrestleConfigFile, parseTrestleConfig } from '../../src/platform/config/connections.js';
import { DEFAULT_RETRY_POLICY } from '../../src/platform/http/retry-policy.js';
import { DEFAULT_BREAKER_OPTIONS } from '../../src/adapters/pipeline/outbound/target-breaker.js';

const procore = {
  system: 'procore', companyId: '5358233', clientId: 'pc-id', clientSecret: '${PC_SECRET}', webhookAuthorization: 'Bearer ${PC_HOOK}',
};
const quickbooks = {
  system: 'quickbooks', realmId: '9130350000000001', clientId: 'qb-id', clientSecret: 'qb-secret', refreshToken: 'rt-1',
  webhookVerifierToken: 'verifier-token-0123456789',
};
const env = { PC_SECRET: 'procore-secret', PC_HOOK: 'hook-token-0123456789' };

const problemsOf = (document: unknown, environment: NodeJS.ProcessEnv = env): string[] => {
  try {
    parseTrestleConfig(document, environment, '/etc/trestle');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

describe('parseTrestleConfig', () => {
  it('resolves ${ENV} references, fills defaults and resolves the mapping file against the config folder', () => {
    const config = parseTrestleConfig({ connections: { acme: { construction: procore, accounting: quickbooks, mappingFile: 'acme.yaml' } } }, env, '/etc/trestle');
    const acme = config.connections[0]!;
    expect(acme.name).toBe('acme');
    expect(acme.construction).toMatchObject({ clientSecret: 'procore-secret', webhookAuthorization: 'Bearer hook-token-0123456789', grant: 'client_credentials', apiBaseUrl: 'https://api.procore.com' });
    expect(acme.accounting).toMatchObject({ system: 'quickbooks', minorVersion: 75, tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer' });
    expect(acme).toMatchObject({ polling: { intervalSeconds: 300 }, postingMode: 'approval', mappingFile: '/etc/trestle/acme.yaml' });
    expect(config.demo).toBe(false);
  });

  it('names the connection, the field and the variable when an ${ENV} reference is unset', () => {
    expect(problemsOf({ connections: { acme: { construction: procore, accounting: quickbooks } } }, { PC_HOOK: env.PC_HOOK }))
      .toEqual(['connections[acme].construction.clientSecret: environment variable PC_SECRET is not set']);
  });

  it('names every missing or wrong field with its path', () => {
    const { realmId: _realmId, ...noRealm } = quickbooks;
    const problems = problemsOf({
      connections: {
        acme: { construction: { ...procore, grant: 'password' }, accounting: noRealm, polling: { intervalSeconds: 0 }, postingMode: 'yolo' },
        'Bad.Name': { construction: procore, accounting: { ...quickbooks, system: 'sage', realmID: 'x' } },
      },
    });
    expect(problems).toEqual(expect.arrayContaining([
      'connections[acme].accounting.realmId: required',
      'connections[acme].construction.grant: "password" is not one of client_credentials, refresh_token',
      'connections[acme].polling.intervalSeconds: must be a whole number from 1 to 86400',
      'connections[acme].postingMode: "yolo" is not one of live, dry-run, approval',
      'connections[Bad.Name]: the name must be lowercase letters, digits, "_" or "-" (it prefixes every stream)',
      'connections[Bad.Name].accounting.system: "sage" is not one of quickbooks, xero, qbd',
    ]));
  });

  it('refuses unknown fields, short webhook secrets, and a refresh grant without a refresh token', () => {
    const problems = problemsOf({
      connections: {
        acme: {
          construction: { ...procore, grant: 'refresh_token', webhookAuthorization: 'short' },
          accounting: { ...quickbooks, realmID: '1' },
        },
      },
    });
    expect(problems).toEqual(expect.arrayContaining([
      'connections[acme].construction.refreshToken: required',
      'connections[acme].construction.webhookAuthorization: must be at least 16 characters',
      'connections[acme].accounting.realmID: unknown field',
    ]));
  });

  it('accepts a Xero accounting side and a list of connections with names', () => {
    const xero = { system: 'xero', tenantId: 'aef86862-2015-4b6b-88bc-d89032cecc50', clientId: 'x', clientSecret: 'y', refreshToken: 'z', webhookKey: 'xero-webhook-key-0123456789' };
    const config = parseTrestleConfig({ connections: [{ name: 'harbor', construction: procore, accounting: xero, postingMode: 'dry-run' }] }, env);
    expect(config.connections[0]).toMatchObject({ name: 'harbor', accounting: { system: 'xero', apiBaseUrl: 'https://api.xero.com/api.xro/2.0', documentStatus: 'AUTHORISED' }, postingMode: 'dry-run' });
  });

  it('writes Xero documents DRAFT for review when the connection says so, and names a status Xero has not', () => {
    const xero = { system: 'xero', tenantId: 'aef86862-2015-4b6b-88bc-d89032cecc50', clientId: 'x', clientSecret: 'y', refreshToken: 'z', webhookKey: 'xero-webhook-key-0123456789' };
    const draft = parseTrestleConfig({ connections: [{ name: 'harbor', construction: procore, accounting: { ...xero, documentStatus: 'DRAFT' } }] }, env);
    expect(draft.connections[0]!.accounting).toMatchObject({ documentStatus: 'DRAFT' });
    expect(() => parseTrestleConfig({ connections: [{ name: 'harbor', construction: procore, accounting: { ...xero, documentStatus: 'PAID' } }] }, env))
      .toThrow(/documentStatus/);
  });

  it("reads a connection's Buildertrend mode (hub-posts when only the section is given) and names a mode it does not know", () => {
    const withMode = (buildertrend: unknown) => ({ connections: { acme: { construction: procore, accounting: quickbooks, buildertrend } } });
    expect(parseTrestleConfig(withMode({ mode: 'books-synced-natively' }), env, '/etc').connections[0]!.buildertrend).toEqual({ mode: 'books-synced-natively' });
    expect(parseTrestleConfig(withMode({}), env, '/etc').connections[0]!.buildertrend).toEqual({ mode: 'hub-posts' });
    expect(parseTrestleConfig({ connections: { acme: { construction: procore, accounting: quickbooks } } }, env, '/etc').connections[0]!.buildertrend).toBeUndefined();
    expect(problemsOf(withMode({ mode: 'both', sync: true }))).toEqual([
      'connections[acme].buildertrend.sync: unknown field',
      'connections[acme].buildertrend.mode: "both" is not one of hub-posts, books-synced-natively',
    ]);
  });

  it('hashes API keys at load and never keeps the plain key', () => {
    const config = parseTrestleConfig({ connections: {}, apiKeys: [{ role: 'admin', key: 'plain-admin-key-0123' }] }, env);
    expect(config.apiKeys).toEqual([{ role: 'admin', keyHash: hashApiKey('plain-admin-key-0123') }]);
    expect(JSON.stringify(config)).not.toContain('plain-admin-key-0123');
  });

  it('takes operator and bookkeeper keys from the config file, and names a role it does not know', () => {
    const apiKeys = [{ role: 'operator', key: 'plain-operator-key-01' }, { role: 'bookkeeper', key: 'plain-bookkeeper-key-1', name: 'books' }];
    expect(parseTrestleConfig({ connections: {}, apiKeys }, env).apiKeys).toEqual([
      { role: 'operator', keyHash: hashApiKey('plain-operator-key-01') }, { role: 'bookkeeper', keyHash: hashApiKey('plain-bookkeeper-key-1'), name: 'books' },
    ]);
    expect(problemsOf({ connections: {}, apiKeys: [{ role: 'clerk', key: 'plain-clerk-key-0123' }] }).join('\n')).toContain('apiKeys[0].role');
  });

  it('says when the document is not a mapping or connections is missing', () => {
    expect(problemsOf('just text')).toEqual(['config: must be a mapping']);
    expect(problemsOf({})).toEqual(['connections: required']);
  });
});

describe('loadTrestleConfigFile', () => {
  it('loads the shipped example when its variables are set', async () => {
    const path = fileURLToPath(new URL('../../config/trestle.example.yaml', import.meta.url));
    const variables = Object.fromEntries(['PROCORE_CLIENT_ID', 'PROCORE_CLIENT_SECRET', 'PROCORE_WEBHOOK_TOKEN', 'QBO_CLIENT_ID', 'QBO_CLIENT_SECRET',
      'QBO_REFRESH_TOKEN', 'QBO_WEBHOOK_VERIFIER_TOKEN', 'TRESTLE_ADMIN_KEY', 'TRESTLE_FINANCE_KEY',
      'TRESTLE_OPERATOR_KEY', 'TRESTLE_BOOKKEEPER_KEY', 'TRESTLE_METRICS_KEY'].map((name) => [name, `${name.toLowerCase()}-value`]));
    const config = await loadTrestleConfigFile(path, { ...variables, TRESTLE_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X' });
    expect(config.connections.map((c) => c.name)).toEqual(['acme']);
    expect(config.apiKeys.map((k) => k.role)).toEqual(['admin', 'finance', 'operator', 'bookkeeper']);
    expect(config.metrics?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    // The example spells out every default: the same values the dispatcher uses when they are left out.
    expect(config.connections[0]!.outbound).toEqual({
      timeoutMs: DEFAULT_RETRY_POLICY.callTimeoutMs,
      retry: { maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts, baseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs, maxDelayMs: DEFAULT_RETRY_POLICY.maxDelayMs, maxRetryAfterMs: DEFAULT_RETRY_POLICY.maxRetryAfterMs },
      breaker: DEFAULT_BREAKER_OPTIONS,
    });
  });

  it('reports an unreadable file and bad YAML as configuration errors', async () => {
    await expect(loadTrestleConfigFile('/nonexistent/trestle.yaml', {})).rejects.toThrow(/cannot read/);
  });
});
