import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'trestle_console';
export const CONSOLE_PATH = '/console';

/**
 * A console session is the API key itself plus a random nonce, in one HttpOnly, SameSite=Strict
 * cookie scoped to /console. Nothing is kept on the server, so every replica and a restarted
 * hub accept it, and each request identifies the key again (a removed key signs everyone out).
 */
export interface ConsoleSession {
  readonly nonce: string;
  readonly key: string;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const unb64 = (text: string): string => Buffer.from(text, 'base64url').toString('utf8');

export const newSession = (key: string): ConsoleSession => ({ nonce: randomBytes(16).toString('base64url'), key });

export const sessionCookie = (session: ConsoleSession, secure: boolean): string =>
  `${SESSION_COOKIE}=${session.nonce}.${b64(session.key)}; Path=${CONSOLE_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;

export const clearedCookie = (secure: boolean): string =>
  `${SESSION_COOKIE}=; Path=${CONSOLE_PATH}; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;

/** The session from a Cookie header, or undefined when there is none or it is malformed. */
export const sessionOf = (cookieHeader: string | undefined): ConsoleSession | undefined => {
  for (const pair of (cookieHeader ?? '').split(';')) {
    const [name, value] = pair.trim().split('=', 2) as [string, string | undefined];
    if (name !== SESSION_COOKIE || !value) continue;
    const match = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{1,1000})$/.exec(value);
    if (!match) return undefined;
    return { nonce: match[1]!, key: unb64(match[2]!) };
  }
  return undefined;
};

/**
 * The per-session CSRF token: keyed by the API key, so only someone holding the key can make
 * one, and bound to the nonce, so it changes at every sign-in. Sent in each form.
 */
export const csrfToken = (session: ConsoleSession): string =>
  createHmac('sha256', session.key).update(`trestle-console-csrf:${session.nonce}`).digest('base64url');

export const csrfMatches = (session: ConsoleSession, presented: unknown): boolean => {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfToken(session));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
};
