import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAnchor, type Anchor } from './anchor.js';

/** Where anchors live: outside the database, ideally where nobody can rewrite them (object lock). */
export interface AnchorSink {
  /** Human description for logs and answers. */
  readonly description: string;
  write(anchor: Anchor): Promise<void>;
  /** The latest anchor written; undefined when none yet. Throws when the sink holds something that is not an anchor. */
  latest(): Promise<Anchor | undefined>;
}

const parsed = (text: string, where: string): Anchor => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const anchor = parseAnchor(value);
  if (!anchor) throw new Error(`${where} is not a Trestle anchor`);
  return anchor;
};

// Names sort by events chained, then time: the last name is the latest anchor.
const fileName = (anchor: Anchor): string => `anchor-${String(anchor.events).padStart(15, '0')}-${anchor.anchoredAt.replace(/:/g, '-')}.json`;

/** One file per anchor, never overwritten (exclusive create). */
export class FileAnchorSink implements AnchorSink {
  constructor(private readonly dir: string) {}

  get description(): string {
    return `folder ${this.dir}`;
  }

  async write(anchor: Anchor): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, fileName(anchor)), `${JSON.stringify(anchor, null, 2)}\n`, { flag: 'wx', mode: 0o444 });
  }

  async latest(): Promise<Anchor | undefined> {
    const names = await readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const last = names.filter((n) => /^anchor-\d{15}-.+\.json$/.test(n)).sort().at(-1);
    return last === undefined ? undefined : parsed(await readFile(join(this.dir, last), 'utf8'), join(this.dir, last));
  }
}

const TIMEOUT_MS = 10_000;

/** POSTs each anchor as JSON; GET on the same URL answers the latest one (404 or 204 when none). */
export class UrlAnchorSink implements AnchorSink {
  constructor(private readonly url: string) {}

  get description(): string {
    return `URL ${new URL(this.url).origin}${new URL(this.url).pathname}`;
  }

  async write(anchor: Anchor): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(anchor), signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`the anchor sink answered ${response.status} to POST`);
  }

  async latest(): Promise<Anchor | undefined> {
    const response = await fetch(this.url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (response.status === 404 || response.status === 204) return undefined;
    if (!response.ok) throw new Error(`the anchor sink answered ${response.status} to GET`);
    return parsed(await response.text(), this.description);
  }
}
