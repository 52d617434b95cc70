import 'reflect-metadata';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { MappingApiModule } from '../../src/api/admin/admin-api.module.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingModule, MappingService, mappingStream } from '../../src/adapters/mapping/index.js';
import { ConfigError, loadEnv } from '../../src/platform/config/env.js';
import { createHub, type Hub } from '../../src/hub/create-hub.js';
import { createServerDatabase, type TestDatabase } from '../support/databases.js';
import { fixedClock, SAMPLE_MAPPING_FILE } from './mapping-support.js';

/** Boot imports need restarts on one database: hubs are started here on a database this file owns. */
describe('mapping file import at boot (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dir: string;
  let file: string;
  const clock = fixedClock('2026-05-01T08:00:00.000Z');

  const boot = (mappingFile = file): Promise<Hub> =>
    createHub(loadEnv({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: db.url }), [
      MappingModule.forRoot({ connections: [{ name: 'acme', mappingFile }, { name: 'harbor' }], now: clock.now }), MappingApiModule,
    ]);

  const withHub = async <T>(use: (hub: Hub, mappings: MappingService) => Promise<T>, mappingFile = file): Promise<T> => {
    const hub = await boot(mappingFile);
    try {
      return await use(hub, hub.app.get(MappingService));
    } finally {
      await hub.close();
    }
  };

  const streamTypes = async (hub: Hub) => (await hub.storage.store.readStream(mappingStream('acme'))).map((e) => e.type);

  beforeAll(async () => {
    db = await createServerDatabase();
    dir = await mkdtemp(join(tmpdir(), 'trestle-mapping-'));
    file = join(dir, 'acme.mapping.yaml');
    await copyFile(SAMPLE_MAPPING_FILE, file);
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports the file as version 1, followed by MappingChanged.v1 with the data the invoice saga declares', async () => {
    await withHub(async (hub, mappings) => {
      expect(mappings.version('acme')).toBe(1);
      expect(mappings.current('acme')?.rules).toHaveLength(7);
      expect(mappings.current('harbor')).toBeNull();
      const [imported, changed] = await hub.storage.store.readStream(mappingStream('acme'));
      expect(imported).toMatchObject({ type: 'MappingImported.v1', data: { version: 1, changedBy: `file:${file}`, changedAt: '2026-05-01T08:00:00.000Z' } });
      expect(imported?.metadata).toMatchObject({ connection: 'acme', origin: 'file', mappingFile: file });
      expect(changed).toMatchObject({ type: 'MappingChanged.v1', data: { version: 1, changedAt: '2026-05-01T08:00:00.000Z' }, metadata: { connection: 'acme' } });
      expect(Object.keys(changed?.data as object).sort()).toEqual(['changedAt', 'version']);
    });
  });

  it('records nothing when the same file is imported again', async () => {
    await withHub(async (hub, mappings) => {
      expect(mappings.version('acme')).toBe(1);
      expect(await streamTypes(hub)).toEqual(['MappingImported.v1', 'MappingChanged.v1']);
    });
  });

  it('keeps changes made since over the API when the file is unchanged, and tells listeners of each version', async () => {
    await withHub(async (_hub, mappings) => {
      const heard: Array<[string, number]> = [];
      mappings.onChanged((connection, version) => heard.push([connection, version]));
      const rule = { costCode: '23-09-00', costType: 'M', account: '64' };
      const outcome = await mappings.execute('acme', { type: 'UpsertRule', data: { rule }, metadata: { changedBy: 'ops-admin', now: '2026-05-02T09:00:00.000Z' } });
      expect(outcome).toEqual({ changed: true, version: 2 });
      expect(heard).toEqual([['acme', 2]]);
    });
    await withHub(async (hub, mappings) => {
      expect(mappings.version('acme')).toBe(2);
      expect(mappings.current('acme')?.rules).toHaveLength(8);
      expect(await streamTypes(hub)).toHaveLength(4);
    });
  });

  it('imports an edited file as a new version', async () => {
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('billableByDefault: false', 'billableByDefault: true'));
    clock.set('2026-05-03T07:30:00.000Z');
    await withHub(async (hub, mappings) => {
      expect(mappings.version('acme')).toBe(3);
      expect(mappings.current('acme')?.settings.billableByDefault).toBe(true);
      const last = (await hub.storage.store.readStream(mappingStream('acme'), { direction: 'backwards', maxCount: 2 })).reverse();
      expect(last.map((e) => [e.type, (e.data as { version: number }).version])).toEqual([['MappingImported.v1', 3], ['MappingChanged.v1', 3]]);
    });
  });

  it('stops the hub at boot when the file is wrong, naming the connection, the file and the field', async () => {
    const bad = join(dir, 'bad.mapping.yaml');
    await writeFile(bad, 'rules:\n  - { costCode: "23-3x", account: "61" }\n');
    const failure = await boot(bad).then(async (hub) => { await hub.close(); return undefined; }, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([
      `connections[acme].mappingFile (${bad}): rules[0].costCode: "23-3x" is not a cost code or prefix (e.g. "23-31-00", "23-31" or "23")`,
    ]);
    const missing = await boot(join(dir, 'nope.yaml')).then(async (hub) => { await hub.close(); return undefined; }, (error: unknown) => error);
    expect((missing as ConfigError).problems[0]).toMatch(/connections\[acme\]\.mappingFile \(.*nope\.yaml\): \(file\): cannot be read \(ENOENT\)/);
  });
});
