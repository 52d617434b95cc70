import { afterEach, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../sandbox/procore/index.js';
import { apiClient, serviceToken, tokenRequest } from './procore-helpers.js';

let sandbox: ProcoreSandbox;
afterEach(async () => sandbox.close());

const authorizationCode = async (sb: ProcoreSandbox): Promise<string> => {
  const response = await fetch(`${sb.baseUrl}/oauth/authorize?response_type=code&client_id=${sb.clientId}&redirect_uri=urn:ietf:wg:oauth:2.0:oob`);
  return ((await response.json()) as { code: string }).code;
};

const userTokens = async (sb: ProcoreSandbox) => {
  const code = await authorizationCode(sb);
  const answer = await tokenRequest(sb, {
    grant_type: 'authorization_code', code, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', client_id: sb.clientId, client_secret: sb.clientSecret,
  });
  expect(answer.status).toBe(200);
  return answer.body as { access_token: string; refresh_token: string };
};

const refresh = (sb: ProcoreSandbox, refreshToken: string) =>
  tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: sb.clientId, client_secret: sb.clientSecret });

describe('Procore sandbox OAuth', () => {
  it('grants client credentials, form-encoded or JSON, with no refresh token', async () => {
    sandbox = await startProcoreSandbox();
    const form = { grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret };
    for (const json of [false, true]) {
      const before = Math.floor(Date.now() / 1000);
      const answer = await tokenRequest(sandbox, form, json);
      const after = Math.floor(Date.now() / 1000);
      expect(answer.status).toBe(200);
      const body = answer.body as Record<string, unknown>;
      expect(body).toMatchObject({ token_type: 'bearer', expires_in: 5400 });
      expect(body.refresh_token).toBeUndefined();
      // Epoch seconds of the request's own time, however long it took.
      expect(Number(body.created_at)).toBeGreaterThanOrEqual(before);
      expect(Number(body.created_at)).toBeLessThanOrEqual(after);
    }
  });

  it('refuses a wrong secret, an unknown grant and a missing grant', async () => {
    sandbox = await startProcoreSandbox();
    const wrong = await tokenRequest(sandbox, { grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_client' });
    expect((await tokenRequest(sandbox, { grant_type: 'password' })).status).toBe(400);
    expect((await tokenRequest(sandbox, {})).body).toMatchObject({ error: 'invalid_request' });
  });

  it('rotates refresh tokens: each is single-use and the old one dies at once', async () => {
    sandbox = await startProcoreSandbox();
    const first = await userTokens(sandbox);
    const second = await refresh(sandbox, first.refresh_token);
    expect(second.status).toBe(200);
    const pair = second.body as { access_token: string; refresh_token: string };
    expect(pair.refresh_token).not.toBe(first.refresh_token);
    const reused = await refresh(sandbox, first.refresh_token);
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ error: 'invalid_grant', error_description: 'The refresh token is invalid' });
    expect((await refresh(sandbox, pair.refresh_token)).status).toBe(200);
  });

  it('invalidates the old refresh token even when the refresh response is lost', async () => {
    sandbox = await startProcoreSandbox();
    const first = await userTokens(sandbox);
    sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'POST', path: '/oauth/token' });
    await expect(refresh(sandbox, first.refresh_token)).rejects.toThrow();
    expect((await refresh(sandbox, first.refresh_token)).status).toBe(401);
  });

  it('uses authorization codes once', async () => {
    sandbox = await startProcoreSandbox();
    const code = await authorizationCode(sandbox);
    const form = { grant_type: 'authorization_code', code, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', client_id: sandbox.clientId, client_secret: sandbox.clientSecret };
    expect((await tokenRequest(sandbox, form)).status).toBe(200);
    expect((await tokenRequest(sandbox, form)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('expires access tokens after expires_in', async () => {
    // The sandbox's clock stands still unless moved: how long the calls take does not matter.
    let clockMs = Date.now();
    sandbox = await startProcoreSandbox({ accessTokenTtlSeconds: 1, now: () => new Date(clockMs) });
    const call = apiClient(sandbox, await serviceToken(sandbox));
    expect((await call('GET', '/rest/v1.0/companies')).status).toBe(200);
    clockMs += 999;
    expect((await call('GET', '/rest/v1.0/companies')).status).toBe(200);
    clockMs += 1;
    const expired = await call('GET', '/rest/v1.0/companies');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ message: 'The access token is invalid' });
  });

  it('requires a bearer token on every API call', async () => {
    sandbox = await startProcoreSandbox();
    expect((await fetch(`${sandbox.baseUrl}/rest/v1.0/companies`)).status).toBe(401);
    expect((await apiClient(sandbox, 'forged')('GET', '/rest/v1.0/companies')).status).toBe(401);
  });

  it('requires Procore-Company-Id, except on /me and /companies for a user token', async () => {
    sandbox = await startProcoreSandbox();
    const service = apiClient(sandbox, await serviceToken(sandbox));
    const missing = await service('GET', `/rest/v1.0/cost_codes?project_id=${sandbox.projectId}`, { company: null });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ message: 'Missing Procore-Company-Id header!' });
    expect((await service('GET', `/rest/v1.0/cost_codes?project_id=${sandbox.projectId}`, { company: '999' })).status).toBe(403);
    expect((await service('GET', '/rest/v1.0/companies', { company: null })).status).toBe(400);
    const user = apiClient(sandbox, (await userTokens(sandbox)).access_token);
    expect((await user('GET', '/rest/v1.0/me', { company: null })).status).toBe(200);
    expect((await user('GET', '/rest/v1.0/companies', { company: null })).body).toEqual([{ id: sandbox.companyId, name: 'Keystone Mechanical Inc.', is_active: true }]);
  });
});
