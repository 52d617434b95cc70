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
      '  Demo mode: sandbox Procore, QuickBooks Online, Xero and QuickBooks Desktop (behind a simulated Web Connector) run in-process;',
      `  the sample story plays through each connection (${trestle.config.connections.map((c) => `${c.name}: ${c.accounting.system}`).join(', ')}) over the next two minutes.`,
      '  API keys for this run:',
      ...trestle.demoKeys.map((k) => `    ${k.role.padEnd(10)} ${k.key}`),
      // Quoted: an unquoted "?" is a glob to zsh, which then runs nothing ("no matches found").
      ...trestle.config.connections.map((c, i) => `  ${i === 0 ? 'Try:' : '    '} curl -H "x-api-key: ${trestle.demoKeys.find((k) => k.role === 'finance')?.key}" '${url}/finance/reconciliation?connection=${c.name}'`),
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
