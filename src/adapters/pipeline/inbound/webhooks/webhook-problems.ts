import { HttpException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';

/** A raw webhook request as the intake sees it: the exact bytes (signatures cover them) and headers. */
export interface RawDelivery {
  readonly body: Buffer;
  readonly contentType: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The Node request, to note why it was refused (for the log line written when it ends). */
  readonly raw?: IncomingMessage;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
};

/** Why a webhook was refused: read by the response hook for the metric label and the log line. */
export const rejections = new WeakMap<IncomingMessage, string>();

/**
 * A refused webhook as RFC 9457 problem details. The detail names what is wrong with the
 * request, never a secret or the value expected.
 */
export const rejectWebhook = (delivery: RawDelivery, status: 400 | 401 | 415 | 422, slug: string, detail: string): never => {
  if (delivery.raw) rejections.set(delivery.raw, slug);
  throw new HttpException({ type: `https://trestle.dev/problems/${slug}`, title: TITLES[status] ?? 'Bad Request', status, detail }, status);
};
