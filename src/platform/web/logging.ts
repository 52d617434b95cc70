import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { pino, type Logger } from 'pino';
import type { HubEnv } from '../config/env.js';
import { requestIdOf } from './request-log.js';

/** Anything that can hold a secret is redacted before it reaches a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["intuit-signature"]', 'req.headers["x-xero-signature"]',
  'req.headers.cookie', '*.access_token', '*.refresh_token', '*.client_secret', '*.clientSecret', '*.refreshToken',
  '*.accessToken', '*.password', '*.secret', '*.verifierToken', '*.webhookKey', '*.authorization', 'headers.authorization',
];

/** A pino logger on stdout at the configured level, with secrets redacted. */
export const createRootLogger = (env: HubEnv): Logger =>
  // Asynchronous writes: a request never waits for stdout (pino flushes what is buffered at exit).
  pino({ level: env.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, pino.destination({ dest: 1, sync: false }));

/**
 * pino-http only binds each request's logger to its id (for logs written while serving it);
 * the request line itself is written by the response hook (request-log.ts), with the route
 * template. The id is Fastify's (requestIdOf), which middie puts on the raw request.
 */
export const loggerParams = (env: HubEnv, logger: Logger = createRootLogger(env)): Params => ({
  pinoHttp: {
    logger,
    autoLogging: false,
    quietReqLogger: true,
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? requestIdOf(req),
  },
});
