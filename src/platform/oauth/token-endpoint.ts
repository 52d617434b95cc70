/** One OAuth client of one connection and system, as the token endpoint sees it. */
export interface OAuthGrant {
  readonly connection: string;
  readonly system: 'procore' | 'quickbooks' | 'xero';
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly grant: 'client_credentials' | 'refresh_token';
  /** The configured (first) refresh token. */
  readonly refreshToken?: string;
  /** Procore takes the client in the form body; Intuit and Xero want HTTP Basic (facts qbo §10, xero §4). */
  readonly clientAuth: 'body' | 'basic';
}

export type TokenResponse =
  | { readonly kind: 'ok'; readonly accessToken: string; readonly expiresInSeconds: number; readonly refreshToken?: string }
  /** invalid_grant / invalid_client: the credentials will not work again without a person. */
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** Used when the response omits expires_in: Xero's 30 minutes, the shortest of the three. */
const DEFAULT_EXPIRES_IN = 1800;

const form = (grant: OAuthGrant, refreshToken: string | undefined): URLSearchParams => {
  const body = new URLSearchParams({ grant_type: grant.grant });
  if (grant.grant === 'refresh_token' && refreshToken) body.set('refresh_token', refreshToken);
  if (grant.clientAuth === 'body') {
    body.set('client_id', grant.clientId);
    body.set('client_secret', grant.clientSecret);
  }
  return body;
};

const refusal = (status: number, body: unknown): string | undefined => {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (error === 'invalid_grant' || error === 'invalid_client' || error === 'unauthorized_client') return String(error);
  // Procore words a dead refresh token as a 401 "The refresh token is invalid" (facts §3).
  if (status === 401) return 'token endpoint answered 401';
  return undefined;
};

/** Calls the token endpoint. The response is parsed here and nowhere else; tokens never reach a message. */
export const requestToken = async (grant: OAuthGrant, refreshToken: string | undefined, fetchImpl: typeof fetch = fetch): Promise<TokenResponse> => {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (grant.clientAuth === 'basic') headers.authorization = `Basic ${Buffer.from(`${grant.clientId}:${grant.clientSecret}`).toString('base64')}`;
  let response: Response;
  try {
    response = await fetchImpl(grant.tokenUrl, { method: 'POST', headers, body: form(grant, refreshToken).toString(), signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    return { kind: 'failed', reason: `token endpoint unreachable: ${(error as Error).name}` };
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const refused = response.status < 500 && response.status !== 429 ? refusal(response.status, body) : undefined;
    return refused ? { kind: 'refused', reason: refused } : { kind: 'failed', reason: `token endpoint answered ${response.status}` };
  }
  const fields = (body ?? {}) as { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown };
  if (typeof fields.access_token !== 'string' || fields.access_token === '') return { kind: 'failed', reason: 'token response has no access_token' };
  const expiresIn = Number(fields.expires_in);
  return {
    kind: 'ok', accessToken: fields.access_token,
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN,
    ...(typeof fields.refresh_token === 'string' && fields.refresh_token !== '' ? { refreshToken: fields.refresh_token } : {}),
  };
};
