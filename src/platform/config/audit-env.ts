import { resolve } from 'node:path';

/** Anchoring of the global chain outside the database (see README, "Tamper evidence"). */
export interface AuditEnv {
  /** TRESTLE_AUDIT_KEY, 32 bytes hex or base64: keys every link and signs anchors. Never stored in the database. */
  readonly key: string | undefined;
  /** Folder the anchors are written to when no URL is set. */
  readonly anchorDir: string;
  /** When set, anchors are POSTed there instead (an object store with object lock, say); GET answers the latest. */
  readonly anchorUrl: string | undefined;
  /** Seconds between anchors; 0 anchors on demand only. */
  readonly anchorIntervalSeconds: number;
}

const MAX_INTERVAL_SECONDS = 7 * 24 * 3600;

/** Reads the audit variables; problems name the variable. `decodeKey` is env.ts's 32-byte key check. */
export const loadAuditEnv = (
  env: NodeJS.ProcessEnv, dataDir: string, decodeKey: (text: string) => Buffer | undefined, problems: string[],
): AuditEnv => {
  const key = env.TRESTLE_AUDIT_KEY?.trim() || undefined;
  if (key && decodeKey(key) === undefined) problems.push('TRESTLE_AUDIT_KEY: must be 32 bytes, as 64 hex characters or base64 (openssl rand -hex 32)');
  const intervalText = env.TRESTLE_AUDIT_ANCHOR_INTERVAL?.trim() || '300';
  const anchorIntervalSeconds = Number(intervalText);
  if (!/^\d+$/.test(intervalText) || anchorIntervalSeconds > MAX_INTERVAL_SECONDS) {
    problems.push(`TRESTLE_AUDIT_ANCHOR_INTERVAL: "${intervalText}" is not a number of seconds (0-${MAX_INTERVAL_SECONDS}; 0 = on demand only)`);
  }
  const anchorUrl = env.TRESTLE_AUDIT_ANCHOR_URL?.trim() || undefined;
  if (anchorUrl && !/^https?:\/\/[^\s]+$/.test(anchorUrl)) problems.push('TRESTLE_AUDIT_ANCHOR_URL: must be an http:// or https:// URL');
  return {
    key,
    anchorDir: resolve(env.TRESTLE_AUDIT_ANCHOR_DIR?.trim() || resolve(dataDir, 'audit-anchors')),
    anchorUrl,
    anchorIntervalSeconds,
  };
};
