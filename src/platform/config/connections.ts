import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isValidConnectionName } from '../../domain/documents/document-ref.js';
import { API_ROLES } from './api-roles.js';
import { ConfigReader, isPlainObject } from './config-reader.js';
import type {
  AccountingSideConfig, AlertsConfig, ApiKeyConfig, ConnectionConfig, MetricsConfig, ProcoreSideConfig, QbdSideConfig, QuickBooksSideConfig, TrestleConfig, XeroSideConfig,
} from './connection.types.js';
import { hashPassword } from './password-hash.js';
import { ConfigError } from './env.js';
import { readOutboundSettings } from './outbound-settings.js';

/** Production endpoints (facts: procore §1-2, qbo §1 and §10, xero §1 and §4); a config may point elsewhere (sandboxes). */
export const DEFAULT_ENDPOINTS = {
  procore: { apiBaseUrl: 'https://api.procore.com', tokenUrl: 'https://login.procore.com/oauth/token' },
  quickbooks: { apiBaseUrl: 'https://quickbooks.api.intuit.com', tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer' },
  xero: { apiBaseUrl: 'https://api.xero.com/api.xro/2.0', tokenUrl: 'https://identity.xero.com/connect/token' },
} as const;

/** Every request after 1 Aug 2025 behaves as 75 anyway (qbo §1); sent explicitly. */
export const DEFAULT_QBO_MINOR_VERSION = 75;
export const DEFAULT_POLL_SECONDS = 300;

const OAUTH_FIELDS = ['system', 'apiBaseUrl', 'tokenUrl', 'clientId', 'clientSecret', 'refreshToken'] as const;
const CONNECTION_FIELDS = ['name', 'construction', 'accounting', 'mappingFile', 'importColumnsFile', 'buildertrend', 'polling', 'postingMode', 'outbound'];

type Side = 'procore' | 'quickbooks' | 'xero';

const oauth = (r: ConfigReader, system: Side, needsRefreshToken: boolean) => {
  const defaults = DEFAULT_ENDPOINTS[system];
  const refreshToken = needsRefreshToken ? r.string('refreshToken') : r.optionalString('refreshToken');
  return {
    apiBaseUrl: r.url('apiBaseUrl', defaults.apiBaseUrl) ?? defaults.apiBaseUrl,
    tokenUrl: r.url('tokenUrl', defaults.tokenUrl) ?? defaults.tokenUrl,
    clientId: r.string('clientId') ?? '',
    clientSecret: r.string('clientSecret') ?? '',
    ...(refreshToken === undefined ? {} : { refreshToken }),
  };
};

/** Webhook secrets are compared against what senders present; a short one is guessable. */
const secret = (r: ConfigReader, field: string): string => {
  const value = r.string(field) ?? '';
  if (value && value.length < 16) r.problem(field, 'must be at least 16 characters');
  return value;
};

const procoreSide = (r: ConfigReader): ProcoreSideConfig => {
  r.onlyKnown([...OAUTH_FIELDS, 'companyId', 'grant', 'webhookAuthorization', 'projectIds']);
  const grant = r.oneOf('grant', ['client_credentials', 'refresh_token'] as const, 'client_credentials') ?? 'client_credentials';
  const projectIds = r.stringList('projectIds');
  return {
    system: 'procore', ...oauth(r, 'procore', grant === 'refresh_token'), companyId: r.string('companyId') ?? '', grant,
    webhookAuthorization: secret(r, 'webhookAuthorization'), ...(projectIds ? { projectIds } : {}),
  };
};

const quickBooksSide = (r: ConfigReader): QuickBooksSideConfig => {
  r.onlyKnown([...OAUTH_FIELDS, 'realmId', 'webhookVerifierToken', 'minorVersion']);
  return {
    system: 'quickbooks', ...oauth(r, 'quickbooks', true), realmId: r.string('realmId') ?? '',
    webhookVerifierToken: secret(r, 'webhookVerifierToken'), minorVersion: r.integer('minorVersion', DEFAULT_QBO_MINOR_VERSION, 1, 999),
  };
};

const xeroSide = (r: ConfigReader): XeroSideConfig => {
  r.onlyKnown([...OAUTH_FIELDS, 'tenantId', 'webhookKey', 'documentStatus']);
  return {
    system: 'xero', ...oauth(r, 'xero', true), tenantId: r.string('tenantId') ?? '', webhookKey: secret(r, 'webhookKey'),
    documentStatus: r.oneOf('documentStatus', ['DRAFT', 'AUTHORISED'] as const, 'AUTHORISED') ?? 'AUTHORISED',
  };
};

/** QuickBooks Desktop: the Web Connector's user and password (hashed here), the company file, where it finds the hub. */
const qbdSide = (r: ConfigReader): QbdSideConfig => {
  r.onlyKnown(['system', 'userName', 'password', 'companyFile', 'appUrl', 'runEveryMinutes']);
  const appUrl = r.url('appUrl') ?? '';
  if (appUrl && !/^https:|^http:\/\/localhost[:/]/.test(appUrl)) r.problem('appUrl', 'the Web Connector accepts only https:// (or http://localhost)');
  return {
    system: 'qbd', userName: r.string('userName') ?? '', passwordHash: hashPassword(secret(r, 'password')), companyFile: r.string('companyFile', ''),
    appUrl, runEveryMinutes: r.integer('runEveryMinutes', 15, 1, 1440),
  };
};

const accountingSide = (r: ConfigReader): AccountingSideConfig | undefined => {
  const system = r.oneOf('system', ['quickbooks', 'xero', 'qbd'] as const);
  if (system === 'quickbooks') return quickBooksSide(r);
  if (system === 'xero') return xeroSide(r);
  if (system === 'qbd') return qbdSide(r);
  return undefined;
};

const connection = (r: ConfigReader, name: string, baseDir: string): ConnectionConfig | undefined => {
  r.onlyKnown(CONNECTION_FIELDS);
  if (!isValidConnectionName(name)) r.problem(undefined, 'the name must be lowercase letters, digits, "_" or "-" (it prefixes every stream)');
  const constructionReader = r.child('construction');
  if (constructionReader) constructionReader.oneOf('system', ['procore'] as const);
  const construction = constructionReader ? procoreSide(constructionReader) : undefined;
  const accountingReader = r.child('accounting');
  const accounting = accountingReader ? accountingSide(accountingReader) : undefined;
  const polling = r.has('polling') ? r.child('polling') : undefined;
  polling?.onlyKnown(['intervalSeconds']);
  const mappingFile = r.optionalString('mappingFile');
  const importColumnsFile = r.optionalString('importColumnsFile');
  const postingMode = r.oneOf('postingMode', ['live', 'dry-run', 'approval'] as const, 'approval');
  const intervalSeconds = polling?.integer('intervalSeconds', DEFAULT_POLL_SECONDS, 1, 86_400) ?? DEFAULT_POLL_SECONDS;
  const buildertrendReader = r.has('buildertrend') ? r.child('buildertrend') : undefined;
  buildertrendReader?.onlyKnown(['mode']);
  const buildertrendMode = buildertrendReader?.oneOf('mode', ['hub-posts', 'books-synced-natively'] as const, 'hub-posts');
  const outboundReader = r.has('outbound') ? r.child('outbound') : undefined;
  const outbound = outboundReader ? readOutboundSettings(outboundReader) : undefined;
  if (!construction || !accounting || !postingMode) return undefined;
  return {
    name, construction, accounting, postingMode, polling: { intervalSeconds }, ...(outbound ? { outbound } : {}),
    ...(mappingFile ? { mappingFile: resolve(baseDir, mappingFile) } : {}),
    ...(importColumnsFile ? { importColumnsFile: resolve(baseDir, importColumnsFile) } : {}),
    ...(buildertrendMode ? { buildertrend: { mode: buildertrendMode } } : {}),
  };
};

/** `connections` as a mapping keyed by name (preferred) or a list of entries with `name`. */
const connectionEntries = (value: unknown, problems: string[]): Array<[string, unknown, string]> => {
  if (isPlainObject(value)) return Object.entries(value).map(([name, body]) => [name, body, `connections[${name}]`]);
  if (Array.isArray(value)) {
    return value.map((body, index) => {
      const name = isPlainObject(body) && typeof body.name === 'string' ? body.name : '';
      return [name, body, `connections[${name || index}]`];
    });
  }
  problems.push(`connections: ${value === undefined ? 'required' : 'must be a mapping of connection name to connection'}`);
  return [];
};

/** API keys are hashed at load (sha256, hex) so the plain key is never kept in memory. */
export const hashApiKey = (plain: string): string => createHash('sha256').update(plain).digest('hex');

const apiKeys = (value: unknown, problems: string[], env: NodeJS.ProcessEnv): ApiKeyConfig[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push('apiKeys: must be a list');
    return [];
  }
  return value.flatMap((entry, index) => {
    const r = ConfigReader.of(entry, `apiKeys[${index}]`, problems, env);
    if (!r) return [];
    r.onlyKnown(['role', 'key', 'name']);
    const role = r.oneOf('role', API_ROLES);
    const key = r.string('key');
    const name = r.optionalString('name');
    if (key !== undefined && key.length < 16) r.problem('key', 'must be at least 16 characters');
    return role && key ? [{ role, keyHash: hashApiKey(key), ...(name ? { name } : {}) }] : [];
  });
};

const alerts = (value: unknown, problems: string[], env: NodeJS.ProcessEnv): AlertsConfig | undefined => {
  if (value === undefined) return undefined;
  const r = ConfigReader.of(value, 'alerts', problems, env);
  if (!r) return undefined;
  r.onlyKnown(['kind', 'webhookUrl']);
  const kind = r.oneOf('kind', ['slack', 'google-chat'] as const, 'slack');
  const webhookUrl = r.url('webhookUrl');
  return kind && webhookUrl ? { kind, webhookUrl } : undefined;
};

const metrics = (value: unknown, problems: string[], env: NodeJS.ProcessEnv): MetricsConfig | undefined => {
  const r = ConfigReader.of(value, 'metrics', problems, env);
  if (!r) return undefined;
  r.onlyKnown(['key']);
  const key = r.string('key');
  if (key !== undefined && key.length < 16) r.problem('key', 'must be at least 16 characters');
  return key ? { keyHash: hashApiKey(key) } : undefined;
};

/** Validates a parsed config document; throws ConfigError naming each connection and field at fault. */
export const parseTrestleConfig = (document: unknown, env: NodeJS.ProcessEnv = process.env, baseDir = process.cwd()): TrestleConfig => {
  const problems: string[] = [];
  const root = ConfigReader.of(document, 'config', problems, env);
  if (!root) throw new ConfigError(problems);
  root.onlyKnown(['connections', 'alerts', 'apiKeys', 'metrics']);
  const connections: ConnectionConfig[] = [];
  const seen = new Set<string>();
  for (const [name, body, path] of connectionEntries(root.raw('connections'), problems)) {
    if (seen.has(name)) problems.push(`${path}: the name is used twice`);
    seen.add(name);
    const reader = ConfigReader.of(body, path, problems, env);
    const parsed = reader ? connection(reader, name, baseDir) : undefined;
    if (parsed) connections.push(parsed);
  }
  const config: TrestleConfig = {
    connections, apiKeys: apiKeys(root.raw('apiKeys'), problems, env), demo: false,
    ...(root.has('alerts') ? { alerts: alerts(root.raw('alerts'), problems, env) } : {}),
    ...(root.has('metrics') ? { metrics: metrics(root.raw('metrics'), problems, env) } : {}),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
};

/** Reads TRESTLE_CONFIG (YAML). Relative paths inside (mapping files) resolve against the file's folder. */
export const loadTrestleConfigFile = async (path: string, env: NodeJS.ProcessEnv = process.env): Promise<TrestleConfig> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`TRESTLE_CONFIG: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError([`TRESTLE_CONFIG: ${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  return parseTrestleConfig(document, env, dirname(resolve(path)));
};
