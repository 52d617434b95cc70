import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { HubEnv } from '../config/env.js';

/** Anything that can hold a secret is redacted before it reaches a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["intuit-signature"]', 'req.headers["x-xero-signature"]',
  'req.headers.cookie', '*.access_token', '*.refresh_token', '*.client_secret', '*.clientSecret', '*.refreshToken',
  '*.accessToken', '*.password', '*.secret', '*.verifierToken', '*.webhookKey', '*.authorization', 'headers.authorization',
];

/** JSON logs with a correlation id per request (taken from `x-correlation-id` when the caller sends one). */
export const loggerParams = (env: HubEnv): Params => ({
  pinoHttp: {
    level: env.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    customProps: (req: IncomingMessage) => ({ correlationId: (req as IncomingMessage & { id?: unknown }).id }),
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics' },
    serializers: {
      req: (req: { method: string; url: string; id: unknown }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
    },
  },
});
