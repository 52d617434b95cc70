import { randomInt } from 'node:crypto';
import { entropy, signXero } from './signature.js';

/**
 * Xero's Intent to Receive check: a series of empty-event payloads, some correctly signed
 * and some not. The endpoint passes only if it answers every good one with 200, an empty
 * body and no cookies, and every bad one with 401, each within 5 seconds.
 */
export interface ItrAttempt {
  readonly correctlySigned: boolean;
  readonly status?: number;
  readonly passed: boolean;
  readonly reason?: string;
}

export interface ItrResult {
  readonly url: string;
  readonly passed: boolean;
  readonly attempts: readonly ItrAttempt[];
}

export interface ItrOptions {
  readonly timeoutMs?: number;
  /** Which attempts are correctly signed, in order; by default two of each, shuffled. */
  readonly pattern?: readonly boolean[];
}

const shuffled = (): boolean[] => {
  const pattern = [true, true, false, false];
  for (let i = pattern.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [pattern[i], pattern[j]] = [pattern[j]!, pattern[i]!];
  }
  return pattern;
};

const judge = (correctlySigned: boolean, status: number, body: string, setsCookie: boolean): ItrAttempt => {
  const base = { correctlySigned, status };
  if (!correctlySigned) return status === 401 ? { ...base, passed: true } : { ...base, passed: false, reason: `expected 401 for a bad signature, got ${status}` };
  if (status !== 200) return { ...base, passed: false, reason: `expected 200 for a good signature, got ${status}` };
  if (body.length > 0) return { ...base, passed: false, reason: 'the response body must be empty' };
  if (setsCookie) return { ...base, passed: false, reason: 'the response must not set cookies' };
  return { ...base, passed: true };
};

const attempt = async (url: string, webhookKey: string, correctlySigned: boolean, timeoutMs: number): Promise<ItrAttempt> => {
  const body = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: entropy() });
  const signature = signXero(correctlySigned ? webhookKey : `${webhookKey}:not-the-key`, body);
  try {
    const response = await fetch(url, {
      method: 'POST', body, signal: AbortSignal.timeout(timeoutMs),
      headers: { 'content-type': 'application/json', 'x-xero-signature': signature },
    });
    const text = await response.text();
    return judge(correctlySigned, response.status, text, response.headers.has('set-cookie'));
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    return { correctlySigned, passed: false, reason };
  }
};

export const runIntentToReceive = async (url: string, webhookKey: string, options: ItrOptions = {}): Promise<ItrResult> => {
  const attempts: ItrAttempt[] = [];
  for (const correctlySigned of options.pattern ?? shuffled()) {
    attempts.push(await attempt(url, webhookKey, correctlySigned, options.timeoutMs ?? 5000));
  }
  return { url, passed: attempts.every((a) => a.passed), attempts };
};
