import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { envelopeTime } from '../model/clock.js';
import type { QboError } from '../model/qbo-error.js';

/** A response body plus status, what a requestid replays. */
export interface ApiReply {
  readonly status: number;
  readonly body: unknown;
}

export const ok = (body: Record<string, unknown>, now: Date): ApiReply => ({ status: 200, body: { ...body, time: envelopeTime(now) } });

export const faultReply = (error: QboError, now: Date): ApiReply => ({
  status: error.status,
  body: { Fault: error.toFault(), time: envelopeTime(now) },
});

export const send = (reply: FastifyReply, result: ApiReply): FastifyReply =>
  reply.code(result.status).header('content-type', 'application/json;charset=UTF-8').send(result.body);

/** Intuit's transaction id, worth logging for support: on every API response. */
export const intuitTid = (): string => `1-${randomBytes(4).toString('hex')}-${randomBytes(12).toString('hex')}`;

/**
 * 401s come with lower-case keys (`fault`, `error`, `message`) and a `www-authenticate`
 * header — the casing gotcha of facts §6.
 */
export const sendAuthFault = (reply: FastifyReply, detail: string, now: Date): FastifyReply =>
  reply.code(401)
    .header('www-authenticate', 'Bearer realm="Intuit", error="invalid_token"')
    .header('content-type', 'application/json;charset=UTF-8')
    .send({
      fault: {
        error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail, code: '3200' }],
        type: 'AUTHENTICATION',
      },
      time: envelopeTime(now),
    });
