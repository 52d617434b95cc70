import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { DemoSandboxes } from '../../sandbox/demo-sandboxes.js';
import { projectRoot } from '../../src/platform/config/project-root.js';

/**
 * The demo connection as a TRESTLE_CONFIG file, so a hub started as its own process talks to
 * sandboxes that live (and survive it) in the calling process.
 */
export const writeDemoConfig = async (sandboxes: DemoSandboxes, adminKey: string, pollSeconds = 5): Promise<{ file: string; dir: string }> => {
  const { name, ...connection } = sandboxes.config.connections[0]!;
  const dir = await mkdtemp(join(tmpdir(), 'trestle-hub-'));
  const file = join(dir, 'trestle.yaml');
  await writeFile(file, stringify({
    connections: { [name]: { ...connection, polling: { intervalSeconds: pollSeconds }, mappingFile: join(projectRoot(), 'config/mapping.sample.yaml') } },
    apiKeys: [{ role: 'admin', key: adminKey, name: 'harness' }],
  }));
  return { file, dir };
};
