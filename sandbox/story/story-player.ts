import type { StoryStep, StoryWorld } from './sample-story.js';

export interface StoryLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface PlayingStory {
  /** Resolves when every step has run (or the story was stopped). */
  readonly finished: Promise<void>;
  stop(): void;
}

/**
 * Plays steps at their times (divided by `speed`). A step that can't run yet (its bill is
 * not posted) is logged and skipped: the story never stops the hub.
 */
export const playStory = (steps: readonly StoryStep[], world: StoryWorld, log: StoryLog, speed = 1): PlayingStory => {
  const timers: NodeJS.Timeout[] = [];
  let resolveFinished!: () => void;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
  let remaining = steps.length;
  const done = () => {
    if (--remaining === 0) {
      log.info({ story: 'sample' }, 'story: the sample month is over; see the reconciliation and history views');
      resolveFinished();
    }
  };
  for (const step of steps) {
    timers.push(setTimeout(() => {
      try {
        step.act(world);
        log.info({ story: 'sample', at: step.at }, `story: the ${step.who} ${step.says}`);
      } catch (error) {
        log.warn({ story: 'sample', at: step.at }, `story: skipped "${step.says}": ${(error as Error).message}`);
      }
      done();
    }, (step.at * 1000) / speed));
  }
  if (steps.length === 0) resolveFinished();
  return {
    finished,
    stop: () => {
      timers.forEach(clearTimeout);
      resolveFinished();
    },
  };
};
