import type { DemoLane } from '../../../sandbox/demo-sandboxes.js';
import type { StoryStep } from '../../../sandbox/story/sample-story.js';
import { eventually } from './trestle-harness.js';

/** Plays a story step as soon as it can run: a payment waits for its bill in the books. */
export const playWhenReady = async (lane: DemoLane, step: StoryStep): Promise<void> => {
  await eventually(`the story step "${step.says}"`, () => {
    try {
      step.act(lane);
      return true;
    } catch {
      return false;
    }
  }, 240_000);
};
