import { createServer } from 'node:net';

/** A port on 127.0.0.1 that nothing listens on now (the caller binds it soon after, and retries if it lost the race). */
export const sparePort = (): Promise<number> => new Promise((resolve, reject) => {
  const server = createServer();
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});
