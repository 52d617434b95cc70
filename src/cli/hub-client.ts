import { CliUsageError } from './command.js';

export interface HubClientOptions {
  readonly url: string;
  readonly key: string | undefined;
}

/** The CLI talks to the running hub's REST API, whatever store the hub runs on. */
export class HubClient {
  constructor(private readonly options: HubClientOptions) {
    if (!options.key) throw new CliUsageError('--key (or TRESTLE_API_KEY) is required: the hub printed its keys at start');
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.url), {
        method,
        headers: { 'x-api-key': this.options.key!, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new CliUsageError(`cannot reach the hub at ${this.options.url} (${(error as Error).message}); is it running? (npm start)`);
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const problem = parsed as { title?: string; detail?: string } | undefined;
      throw new CliUsageError(`${response.status} ${problem?.title ?? ''}: ${problem?.detail ?? text}`.trim());
    }
    return parsed as T;
  }
}
