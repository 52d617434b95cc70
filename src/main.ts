import { ConfigError, loadEnv } from './platform/config/env.js';
import { startTrestle } from './hub/trestle.js';

const main = async (): Promise<void> => {
  const env = loadEnv();
  const trestle = await startTrestle(env);
  const { url, storage } = trestle.hub;
  const lines = [`Trestle listening on ${url} (${storage.description})`, `  Console: ${url}/console (sign in with an API key)`, `  OpenAPI: ${url}/docs`];
  if (trestle.demo) {
    lines.push(
      ...(trestle.demoNotice ? [`  ${trestle.demoNotice}`] : []),
      '  Demo mode: sandbox Procore, QuickBooks and Xero run in-process; the sample story plays over the next two minutes.',
      '  API keys for this run:',
      ...trestle.demoKeys.map((k) => `    ${k.role.padEnd(10)} ${k.key}`),
      // Quoted: an unquoted "?" is a glob to zsh, which then runs nothing ("no matches found").
      `  Try: curl -H "x-api-key: ${trestle.demoKeys.find((k) => k.role === 'finance')?.key}" '${url}/finance/reconciliation?connection=${trestle.config.connections[0]?.name ?? ''}'`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async (signal: string) => {
    process.stdout.write(`Trestle stopping (${signal})\n`);
    await trestle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
};

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`Trestle did not start: ${message}\n`);
  process.exit(1);
});
