import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeProblem } from './column-map.js';
import { IMPORT_FILE_LIMIT_BYTES, ImportRefusedError } from './import-intake.js';
import type { ImportsService, UploadedFile } from './imports.service.js';
import { UnreadableFileError } from './tabular-file.js';

/** A connection's watched folder: `{path}/{kind}/{project}/{file}` is imported, then moved under `done/` or `failed/`. */
export interface ImportFolder {
  readonly connection: string;
  readonly path: string;
}

const PROJECT = /^[A-Za-z0-9_-]{1,64}$/;
const SKIPPED = new Set(['done', 'failed']);

interface Seen { readonly size: number; readonly mtimeMs: number }

/** What a scan did with each file it took, for the log and the tests. */
export interface FolderResult {
  readonly file: string;
  readonly outcome: 'imported' | 'unchanged' | 'failed';
  readonly detail: string;
}

const isoStamp = (at: Date): string => at.toISOString().replace(/[:.]/g, '-');

/**
 * Polls the connections' import folders. A file is taken once it has stopped changing (the
 * same size and mtime on two scans in a row, so a copy still being written waits), imported
 * as if uploaded (the same file again is a no-op by its content hash), and moved to
 * `done/{kind}/{project}/` or to `failed/{kind}/{project}/` beside `{name}.error.txt`, which
 * names the file, row and column of every problem. One bad file never stops the others.
 */
export class ImportFolderWatcher {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly imports: Pick<ImportsService, 'import' | 'kinds'>,
    private readonly folders: readonly ImportFolder[],
    private readonly now: () => Date,
    private readonly onError: (file: string, error: unknown) => void = () => undefined,
  ) {}

  async scan(): Promise<FolderResult[]> {
    const results: FolderResult[] = [];
    for (const folder of this.folders) results.push(...await this.scanFolder(folder));
    return results;
  }

  private async scanFolder(folder: ImportFolder): Promise<FolderResult[]> {
    const results: FolderResult[] = [];
    for (const kind of await dirs(folder.path)) {
      if (SKIPPED.has(kind)) continue;
      for (const project of await dirs(join(folder.path, kind))) {
        for (const name of await files(join(folder.path, kind, project))) {
          try {
            const result = await this.take(folder, kind, project, name);
            if (result) results.push(result);
          } catch (error) {
            // The hub could not take it now (the database is away): it stays where it is, for a later scan.
            this.onError(join(folder.path, kind, project, name), error);
          }
        }
      }
    }
    return results;
  }

  private async take(folder: ImportFolder, kind: string, project: string, name: string): Promise<FolderResult | undefined> {
    const file = join(folder.path, kind, project, name);
    const info = await stat(file).catch(() => undefined);
    if (!info) return undefined;
    const before = this.seen.get(file);
    this.seen.set(file, { size: info.size, mtimeMs: info.mtimeMs });
    if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) return undefined;
    this.seen.delete(file);
    const where = join(kind, project);
    const result = await this.importOne(folder, kind, project, name, file, info.size);
    const stamped = `${isoStamp(this.now())}-${name}`;
    if (result.outcome !== 'failed') {
      await moveTo(file, join(folder.path, 'done', where), stamped);
      return { file, ...result };
    }
    const target = join(folder.path, 'failed', where);
    await moveTo(file, target, stamped);
    await writeFile(join(target, `${stamped}.error.txt`), `${result.detail}\n`);
    return { file, ...result };
  }

  private async importOne(folder: ImportFolder, kind: string, project: string, name: string, file: string, size: number): Promise<Omit<FolderResult, 'file'>> {
    const failed = (detail: string) => ({ outcome: 'failed' as const, detail });
    if (!this.imports.kinds.some((k) => k.kind === kind)) return failed(`${name}: the folder "${kind}" is not an import kind (${this.imports.kinds.map((k) => k.kind).join(', ')})`);
    if (!PROJECT.test(project)) return failed(`${name}: the folder "${project}" is not a project id (letters, digits, "_" or "-")`);
    if (size > IMPORT_FILE_LIMIT_BYTES) return failed(`${name}: the file is over the import limit of ${IMPORT_FILE_LIMIT_BYTES} bytes`);
    const upload: UploadedFile = { connection: folder.connection, kind, projectId: project, fileName: name, content: await readFile(file), uploadedBy: `folder:${folder.path}` };
    try {
      const outcome = await this.imports.import(upload);
      return outcome.outcome === 'unchanged'
        ? { outcome: 'unchanged', detail: `${name}: the same file as revision ${outcome.revision}, nothing recorded` }
        : { outcome: 'imported', detail: `${name}: revision ${outcome.revision}` };
    } catch (error) {
      if (error instanceof ImportRefusedError) return failed(['nothing was imported:', ...error.problems.map((p) => describeProblem(name, p))].join('\n'));
      if (error instanceof UnreadableFileError) return failed(`${name}: ${error.message}`);
      throw error;
    }
  }
}

const entries = async (path: string) => readdir(path, { withFileTypes: true }).catch(() => []);
const dirs = async (path: string): Promise<string[]> => (await entries(path)).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const files = async (path: string): Promise<string[]> => (await entries(path)).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();

const moveTo = async (file: string, folder: string, name: string): Promise<void> => {
  await mkdir(folder, { recursive: true });
  await rename(file, join(folder, name));
};
