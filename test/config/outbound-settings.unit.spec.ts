import { describe, expect, it } from 'vitest';
import { connectionTuning } from '../../src/adapters/pipeline/outbound/connection-tuning.js';
import { parseTrestleConfig } from '../../src/platform/config/connections.js';
import { ConfigError } from '../../src/platform/config/env.js';

const connection = (outbound: unknown) => ({
  construction: { system: 'procore', companyId: '1', clientId: 'pc', clientSecret: 'pc-secret', webhookAuthorization: 'Bearer hook-token-0123456789' },
  accounting: { system: 'quickbooks', realmId: '9', clientId: 'qb', clientSecret: 'qb-secret', refreshToken: 'rt', webhookVerifierToken: 'verifier-token-0123456789' },
  ...(outbound === undefined ? {} : { outbound }),
});

const problemsOf = (outbound: unknown): string[] => {
  try {
    parseTrestleConfig({ connections: { acme: connection(outbound) } }, {}, '/etc/trestle');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

describe('a connection\'s outbound settings', () => {
  it('keeps only what the file sets; the dispatcher gets them as that connection\'s tuning', () => {
    const config = parseTrestleConfig({
      connections: {
        acme: connection({ timeoutMs: 5000, retry: { maxAttempts: 3, baseDelayMs: 200 }, breaker: { consecutiveFailures: 2, resetTimeoutMs: 10_000 } }),
        harbor: connection(undefined),
      },
    }, {}, '/etc/trestle');
    expect(config.connections[0]!.outbound).toEqual({ timeoutMs: 5000, retry: { maxAttempts: 3, baseDelayMs: 200 }, breaker: { consecutiveFailures: 2, resetTimeoutMs: 10_000 } });
    expect(config.connections[1]!.outbound).toBeUndefined();
    expect(connectionTuning(config.connections)).toEqual({
      acme: { retry: { maxAttempts: 3, baseDelayMs: 200, callTimeoutMs: 5000 }, breaker: { consecutiveFailures: 2, resetTimeoutMs: 10_000 } },
    });
  });

  it('names the connection and the field of every bad value', () => {
    expect(problemsOf({ timeoutMs: 0, retry: { maxAttempts: 0, maxDelayMs: '5m' }, breaker: { errorThresholdPercentage: 150, consecutiveFailures: 2.5 } })).toEqual([
      'connections[acme].outbound.timeoutMs: must be a whole number from 100 to 600000',
      'connections[acme].outbound.retry.maxAttempts: must be a whole number from 1 to 100',
      'connections[acme].outbound.retry.maxDelayMs: must be a whole number from 0 to 86400000',
      'connections[acme].outbound.breaker.consecutiveFailures: must be a whole number from 1 to 1000',
      'connections[acme].outbound.breaker.errorThresholdPercentage: must be a whole number from 1 to 100',
    ]);
  });

  it('refuses unknown fields and a backoff whose cap is below its start', () => {
    expect(problemsOf({ retries: { maxAttempts: 3 }, breaker: { threshold: 3 } })).toEqual([
      'connections[acme].outbound.retries: unknown field',
      'connections[acme].outbound.breaker.threshold: unknown field',
    ]);
    expect(problemsOf({ retry: { baseDelayMs: 10_000, maxDelayMs: 5000 } })).toEqual(['connections[acme].outbound.retry.maxDelayMs: must be at least baseDelayMs (10000)']);
    expect(problemsOf({ retry: { baseDelayMs: 600_000 } })).toEqual(['connections[acme].outbound.retry.maxDelayMs: must be at least baseDelayMs (600000)']);
    expect(problemsOf('fast')).toEqual(['connections[acme].outbound: must be a mapping']);
  });
});
