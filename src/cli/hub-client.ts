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
    return this.send<T>(method, path, body === undefined ? {} : { 'content-type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
  }

  /** Sends one file as multipart/form-data in a part named "file". */
  async upload<T>(path: string, fileName: string, content: Buffer): Promise<T> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)]), fileName);
    return this.send<T>('POST', path, {}, form);
  }

  private async send<T>(method: string, path: string, headers: Record<string, string>, body: string | FormData | undefined): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.url), { method, headers: { 'x-api-key': this.options.key!, ...headers }, body });
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
