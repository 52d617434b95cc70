import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_ROLES, type ApiRole } from '../../platform/config/api-roles.js';

/** Admin may call everything; the others only what names them (operator: failures, alerts, approvals; bookkeeper: the mapping; estimator: file imports). */
export type Role = ApiRole;
export const ROLES: readonly Role[] = API_ROLES;

export interface ApiKeyEntry {
  readonly role: Role;
  readonly name: string;
  /** sha256 of the key; the plain key is not kept. */
  readonly hash: Buffer;
}

export const hashKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/**
 * A key as the ring receives it: plain (TRESTLE_API_KEYS, demo keys), or already hashed by
 * the config loader (`keyHash`, sha256 hex), which must not be hashed a second time.
 */
export type ApiKeyInput =
  | { readonly role: Role; readonly key: string; readonly name?: string }
  | { readonly role: Role; readonly keyHash: string; readonly name?: string };

const hashOf = (input: ApiKeyInput): Buffer => ('keyHash' in input ? Buffer.from(input.keyHash, 'hex') : hashKey(input.key));

/** Keys held only as hashes, checked in constant time. */
export class ApiKeyRing {
  private readonly entries: readonly ApiKeyEntry[];

  constructor(keys: readonly ApiKeyInput[]) {
    this.entries = keys.map((k, i) => ({ role: k.role, name: k.name ?? `${k.role}-${i + 1}`, hash: hashOf(k) }));
    for (const entry of this.entries) if (entry.hash.length !== 32) throw new Error(`API key ${entry.name}: keyHash must be a sha256 in hex`);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The entry for this key, or undefined. Compares against every entry so timing says nothing. */
  identify(key: string): ApiKeyEntry | undefined {
    const candidate = hashKey(key);
    let found: ApiKeyEntry | undefined;
    for (const entry of this.entries) if (timingSafeEqual(entry.hash, candidate)) found ??= entry;
    return found;
  }
}

/** `TRESTLE_API_KEYS="admin:k1,finance:k2"`; problems name the entry at fault. */
export const parseApiKeysEnv = (text: string): { keys: Array<{ role: Role; key: string }>; problems: string[] } => {
  const keys: Array<{ role: Role; key: string }> = [];
  const problems: string[] = [];
  text.split(',').map((s) => s.trim()).filter(Boolean).forEach((entry, index) => {
    const [role, key] = entry.split(':', 2) as [string, string | undefined];
    if (!(ROLES as readonly string[]).includes(role)) problems.push(`TRESTLE_API_KEYS[${index}]: role "${role}" is not one of ${ROLES.join(', ')}`);
    else if (!key || key.length < 16) problems.push(`TRESTLE_API_KEYS[${index}]: the ${role} key must be at least 16 characters`);
    else keys.push({ role: role as Role, key });
  });
  return { keys, problems };
};

/** Fresh keys for the demo, printed once at start. */
export const generateDemoKeys = (): Array<{ role: Role; key: string; name: string }> =>
  ROLES.map((role) => ({ role, key: `trk_${role}_${randomBytes(18).toString('base64url')}`, name: `demo-${role}` }));
