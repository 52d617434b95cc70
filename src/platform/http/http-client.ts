import { NeedsReconnectError, type TokenSource } from '../oauth/oauth-errors.js';
import { apiError, kindForStatus, type ApiError, type ApiResult } from './api-result.js';
import { HeaderThrottle, retryAfterMs } from './throttle.js';

export type Query = Readonly<Record<string, string | number | readonly string[] | undefined>>;

export interface RequestOptions {
  readonly query?: Query;
  /** Sent as JSON unless `contentType` says otherwise (then it must be a string). */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Sit out short 429/503 answers here (default true). The outbound dispatcher turns it off:
   * it owns retries, so every refusal reaches its breaker, rate limiter and audit trail.
   */
  readonly retryInPlace?: boolean;
}

export interface HttpClientOptions {
  /** Label for metrics and messages: procore, quickbooks, xero. */
  readonly target: string;
  readonly baseUrl: string;
  readonly tokens: TokenSource;
  /** Headers on every call (Procore-Company-Id, xero-tenant-id, Accept). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly throttle?: HeaderThrottle;
  /** 429/503 answers retried in place before giving the error back (default 3). */
  readonly maxRetries?: number;
  /** Longest wait the client sits out in place; longer ones go back to the caller (default 30 s). */
  readonly maxWaitMs?: number;
  readonly fetch?: typeof fetch;
  readonly onOutcome?: (outcome: string) => void;
  readonly now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The HTTP base every source client builds on (reads here, QuickBooks writes later):
 * base URL, bearer token from the token manager with one retry after a 401, a timeout,
 * header-driven throttling, 429/503 with Retry-After, and errors as typed results.
 */
export class HttpApiClient {
  private readonly throttle: HeaderThrottle;
  private readonly now: () => number;

  constructor(readonly options: HttpClientOptions) {
    this.throttle = options.throttle ?? new HeaderThrottle(4);
    this.now = options.now ?? Date.now;
  }

  get target(): string {
    return this.options.target;
  }

  url(path: string, query: Query = {}): string {
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
      else url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
    return this.request<T>('GET', path, options);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
    let refreshed = false;
    for (let retries = 0; ; ) {
      const outcome = await this.attempt(method, path, options);
      if ('token' in outcome) {
        if (outcome.response.status === 401 && !refreshed) {
          // Expired or revoked early: refresh once, then believe the 401.
          this.options.tokens.invalidate(outcome.token);
          refreshed = true;
          continue;
        }
        const wait = options.retryInPlace === false ? undefined : this.waitBeforeRetry(outcome.response, retries);
        if (wait !== undefined) {
          retries++;
          this.options.onOutcome?.('retried');
          await sleep(wait);
          continue;
        }
        return this.toResult<T>(outcome.response, path);
      }
      this.options.onOutcome?.(outcome.error.kind);
      return { ok: false, error: outcome.error };
    }
  }

  private async attempt(method: string, path: string, options: RequestOptions): Promise<{ response: Response; token: string } | { error: ApiError }> {
    let token: string;
    try {
      token = await this.options.tokens.accessToken();
    } catch (error) {
      if (error instanceof NeedsReconnectError) return { error: apiError('needs_reconnect', error.message) };
      return { error: apiError('unavailable', `no access token: ${(error as Error).message}`) };
    }
    await this.throttle.acquire();
    let headers: Headers | undefined;
    try {
      const response = await (this.options.fetch ?? fetch)(this.url(path, options.query), {
        method, headers: this.headers(token, options), body: this.body(options),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      headers = response.headers;
      return { response, token };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      return { error: apiError(timedOut ? 'timeout' : 'network', `${method} ${path}: ${(error as Error).message}`) };
    } finally {
      this.throttle.release(headers);
    }
  }

  private headers(token: string, options: RequestOptions): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers, ...options.headers, authorization: `Bearer ${token}` };
    if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    return headers;
  }

  private body(options: RequestOptions): string | undefined {
    if (options.body === undefined) return undefined;
    return options.contentType && typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }

  /** 429 and 503 are retried in place when the wait they ask for is short; otherwise the caller decides. */
  private waitBeforeRetry(response: Response, retries: number): number | undefined {
    if (response.status !== 429 && response.status !== 503) return undefined;
    if (retries >= (this.options.maxRetries ?? 3)) return undefined;
    const asked = retryAfterMs(response.headers, this.now());
    const wait = asked ?? Math.min(8_000, 500 * 2 ** retries) * (0.75 + Math.random() / 2);
    if (wait > (this.options.maxWaitMs ?? 30_000)) return undefined;
    this.throttle.pauseUntil(this.now() + wait);
    void response.arrayBuffer().catch(() => undefined);
    return wait;
  }

  private async toResult<T>(response: Response, path: string): Promise<ApiResult<T>> {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    if (text !== '' && /json/i.test(response.headers.get('content-type') ?? 'json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (response.ok) {
      this.options.onOutcome?.('ok');
      return { ok: true, status: response.status, body: body as T, headers: response.headers };
    }
    const kind = kindForStatus(response.status);
    this.options.onOutcome?.(kind);
    const retryAfter = retryAfterMs(response.headers, this.now());
    const limitProblem = response.headers.get('x-rate-limit-problem') ?? undefined;
    return {
      ok: false,
      error: apiError(kind, `HTTP ${response.status} on ${path.split('?')[0]}`, {
        status: response.status, body, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }), ...(limitProblem ? { limitProblem } : {}),
      }),
    };
  }
}
