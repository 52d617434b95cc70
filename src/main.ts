import { ConfigError, loadEnv } from './config/env.js';
import { createHub } from './hub/create-hub.js';

const main = async (): Promise<void> => {
  const env = loadEnv();
  const hub = await createHub(env);
  process.stdout.write(`Trestle listening on ${hub.url} (${hub.storage.description})\n`);
};

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Trestle did not start: ${error.message}\n`);
  } else {
    process.stderr.write(`Trestle did not start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
