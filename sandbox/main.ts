/**
 * `npm run sandbox`: the three simulators on their own, for rehearsing a mapping or pointing
 * another tool at them. Ports: SANDBOX_PROCORE_PORT (4001), SANDBOX_QBO_PORT (4002),
 * SANDBOX_XERO_PORT (4003).
 */
import { startProcoreSandbox } from './procore/index.js';
import { startQuickBooksSandbox } from './quickbooks/index.js';
import { startXeroSandbox } from './xero/index.js';

const port = (name: string, fallback: number): number => {
  const text = process.env[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name}: "${text}" is not a port number`);
  return value;
};

const main = async (): Promise<void> => {
  const procore = await startProcoreSandbox({ port: port('SANDBOX_PROCORE_PORT', 4001) });
  const quickbooks = await startQuickBooksSandbox({ port: port('SANDBOX_QBO_PORT', 4002) });
  const xero = await startXeroSandbox({ port: port('SANDBOX_XERO_PORT', 4003) });
  process.stdout.write([
    'Trestle sandboxes running (Ctrl-C to stop):',
    `  Procore     ${procore.baseUrl}  (OAuth ${procore.baseUrl}/oauth/token, client ${procore.clientId})`,
    `  QuickBooks  ${quickbooks.baseUrl}  (OAuth ${quickbooks.tokenUrl}, realm ${quickbooks.realmId})`,
    `  Xero        ${xero.baseUrl}  (OAuth ${xero.tokenUrl})`,
    '  Faults: POST {base}/_sandbox/faults  {"rule":{"kind":"outage","durationMs":60000}}',
    '',
  ].join('\n'));
  const stop = async () => {
    await Promise.allSettled([procore.close(), quickbooks.close(), xero.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
};

main().catch((error: unknown) => {
  process.stderr.write(`sandbox did not start: ${(error as Error).message}\n`);
  process.exit(1);
});
