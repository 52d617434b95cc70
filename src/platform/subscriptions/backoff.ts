/** Delay before retry n (>= 1): 100 ms doubling, 5 s cap, with jitter so workers that failed together do not retry together. */
export const defaultBackoff = (attempt: number): number => Math.min(5000, 100 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);

/** Resolves after `ms`, or at once when `signal` aborts. */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> => new Promise<void>((resolve) => {
  if (signal.aborted) return resolve();
  const done = (): void => {
    clearTimeout(timer);
    signal.removeEventListener('abort', done);
    resolve();
  };
  const timer = setTimeout(done, ms);
  signal.addEventListener('abort', done, { once: true });
});

/** `promise`, or undefined as soon as `signal` aborts (the promise itself runs on). */
export const unlessAborted = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> => {
  if (signal.aborted) return Promise.resolve(undefined);
  let stop: () => void = () => undefined;
  const aborted = new Promise<undefined>((resolve) => {
    stop = () => resolve(undefined);
    signal.addEventListener('abort', stop, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', stop));
};
