/** The refresh token was refused (`invalid_grant`): only a person reconnecting the app can fix it. */
export class NeedsReconnectError extends Error {
  readonly code = 'NEEDS_RECONNECT';
  constructor(readonly connection: string, readonly system: string, reason: string) {
    super(`${connection}/${system} needs reconnecting: ${reason}`);
    this.name = 'NeedsReconnectError';
  }
}

/** The token endpoint failed in a way worth retrying later (network, 5xx, 429). */
export class TokenEndpointError extends Error {
  readonly code = 'TOKEN_ENDPOINT_FAILED';
  constructor(readonly connection: string, readonly system: string, reason: string) {
    super(`${connection}/${system} token endpoint: ${reason}`);
    this.name = 'TokenEndpointError';
  }
}

/** What an API client needs from the token manager for one connection and system. */
export interface TokenSource {
  accessToken(): Promise<string>;
  /** The API refused this token (401): forget it so the next call refreshes. */
  invalidate(rejected: string): void;
}
