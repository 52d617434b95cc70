/**
 * The hub's environment, validated at boot: a bad value stops the hub with a message that
 * names the variable and says what is wrong.
 */
export interface HubEnv {
  readonly port: number;
  readonly host: string;
  /** Real PostgreSQL when set; otherwise an embedded PostgreSQL server in `dataDir`/postgres. */
  readonly databaseUrl: string | undefined;
  /** The owner role that runs the event store's migrations; `databaseUrl` is then a runtime role that only appends and reads events. */
  readonly databaseMigrationUrl: string | undefined;
  /** Anchoring the event history outside the database. */
  readonly audit: AuditEnv;
  /** EventStoreDB for events when set (projections still use PostgreSQL). */
  readonly eventStoreUrl: string | undefined;
  readonly dataDir: string;
  /** Connections file (YAML); absent means the demo connection on the in-process sandbox. */
  readonly configFile: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Key that encrypts rotated OAuth refresh tokens at rest (32 bytes, hex or base64); required with a config file. */
  readonly secretKey: string | undefined;
  /** The key before a rotation: still decrypts, never encrypts (`trestle secrets rotate`). */
  readonly secretKeyPrevious: string | undefined;
  /** "role:key,role:key" API keys (stored hashed in memory). */
  readonly apiKeys: string | undefined;
  readonly alertWebhookUrl: string | undefined;
  readonly publicUrl: string | undefined;
}

import { loadAuditEnv, type AuditEnv } from './audit-env.js';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** How to make a key, in every message that asks for one. */
export const GENERATE_KEY = "generate one with `openssl rand -hex 32` or `node -p \"crypto.randomBytes(32).toString('hex')\"`";

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalUrl = (env: NodeJS.ProcessEnv, name: string, protocols: readonly string[], problems: string[]): string | undefined => {
  const value = env[name]?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (!protocols.includes(url.protocol)) problems.push(`${name}: protocol ${url.protocol} is not one of ${protocols.join(', ')}`);
  } catch {
    problems.push(`${name}: "${redactUrl(value)}" is not a URL`);
  }
  return value;
};

/** EventStoreDB cluster strings list several hosts, which a WHATWG URL can't parse: check the scheme. */
const eventStoreConnectionString = (env: NodeJS.ProcessEnv, problems: string[]): string | undefined => {
  const value = env.EVENTSTORE_URL?.trim();
  if (!value) return undefined;
  if (!/^(esdb|kurrentdb|kdb)(\+discover)?:\/\/[^\s/]+/.test(value)) {
    problems.push(`EVENTSTORE_URL: "${redactUrl(value)}" is not an esdb:// or kurrentdb:// connection string`);
  }
  return value;
};

/** Never echo credentials back, even in an error message. */
const redactUrl = (value: string): string => value.replace(/\/\/[^@/]*@/, '//***@');

export const loadEnv = (env: NodeJS.ProcessEnv = process.env): HubEnv => {
  const problems: string[] = [];
  const portText = env.PORT?.trim() || '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) problems.push(`PORT: "${portText}" is not a port number (0-65535)`);
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as HubEnv['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  const secretKey = env.TRESTLE_SECRET_KEY?.trim() || undefined;
  if (secretKey && decodeKey(secretKey) === undefined) problems.push(`TRESTLE_SECRET_KEY: must be 32 bytes, as 64 hex characters or base64 (${GENERATE_KEY})`);
  const configFile = env.TRESTLE_CONFIG?.trim() || undefined;
  // Only the demo may generate a key into its data folder: replicas would each make their own.
  if (configFile && !secretKey) problems.push(`TRESTLE_SECRET_KEY: required with TRESTLE_CONFIG (it encrypts the OAuth refresh tokens; every replica needs the same one): ${GENERATE_KEY}`);
  const secretKeyPrevious = env.TRESTLE_SECRET_KEY_PREVIOUS?.trim() || undefined;
  if (secretKeyPrevious && decodeKey(secretKeyPrevious) === undefined) problems.push('TRESTLE_SECRET_KEY_PREVIOUS: must be 32 bytes, as 64 hex characters or base64');
  if (secretKeyPrevious && !secretKey) problems.push('TRESTLE_SECRET_KEY_PREVIOUS: only used next to TRESTLE_SECRET_KEY (the new key)');
  const config: HubEnv = {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: optionalUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems),
    databaseMigrationUrl: optionalUrl(env, 'DATABASE_MIGRATION_URL', ['postgres:', 'postgresql:'], problems),
    audit: loadAuditEnv(env, env.TRESTLE_DATA_DIR?.trim() || './data', decodeKey, problems),
    eventStoreUrl: eventStoreConnectionString(env, problems),
    dataDir: env.TRESTLE_DATA_DIR?.trim() || './data',
    configFile,
    logLevel,
    secretKey,
    secretKeyPrevious,
    apiKeys: env.TRESTLE_API_KEYS?.trim() || undefined,
    alertWebhookUrl: optionalUrl(env, 'TRESTLE_ALERT_WEBHOOK_URL', ['http:', 'https:'], problems),
    publicUrl: optionalUrl(env, 'TRESTLE_PUBLIC_URL', ['http:', 'https:'], problems),
  };
  if (config.databaseMigrationUrl && !config.databaseUrl) problems.push('DATABASE_MIGRATION_URL: only used with DATABASE_URL (embedded PostgreSQL keeps one role)');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
};

/** 32-byte key from hex or base64; undefined when it is neither. */
export const decodeKey = (text: string): Buffer | undefined => {
  const bytes = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  return bytes.length === 32 ? bytes : undefined;
};
