import { describe, expect, it } from 'vitest';
import { clearedCookie, csrfMatches, csrfToken, newSession, sessionCookie, sessionOf } from './session-cookie.js';

describe('the console session cookie', () => {
  it('is HttpOnly, SameSite=Strict and scoped to /console, Secure over HTTPS, and reads back', () => {
    const session = newSession('trk_finance_k:ey,with;odd=chars');
    const cookie = sessionCookie(session, false);
    expect(cookie).toMatch(/; Path=\/console; HttpOnly; SameSite=Strict$/);
    expect(sessionCookie(session, true)).toMatch(/; Secure$/);
    const value = cookie.split(';', 1)[0]!;
    expect(sessionOf(`other=1; ${value}; last=2`)).toEqual(session);
    expect(clearedCookie(false)).toContain('Max-Age=0');
  });

  it('ignores missing or malformed cookies', () => {
    expect(sessionOf(undefined)).toBeUndefined();
    expect(sessionOf('trestle_console=')).toBeUndefined();
    expect(sessionOf('trestle_console=short.a2V5')).toBeUndefined();
    expect(sessionOf('trestle_console=aaaaaaaaaaaaaaaaaaaaaa.not base64!')).toBeUndefined();
  });

  it('has a CSRF token per session: another sign-in with the same key, or another key, does not match', () => {
    const one = newSession('the-finance-key-123');
    const two = newSession('the-finance-key-123');
    expect(csrfMatches(one, csrfToken(one))).toBe(true);
    expect(csrfMatches(one, csrfToken(two))).toBe(false);
    expect(csrfMatches(one, csrfToken({ nonce: one.nonce, key: 'another-key-123456' }))).toBe(false);
    expect(csrfMatches(one, undefined)).toBe(false);
    expect(csrfMatches(one, '')).toBe(false);
  });
});
