import { startDemoSandboxes, type DemoSandboxes, type DemoSandboxOptions } from './demo-sandboxes.js';
import { SAMPLE_STORY } from './story/sample-story.js';
import { playStory, type PlayingStory, type StoryLog } from './story/story-player.js';

/**
 * The demo as the hub loads it in demo mode (src/hub/demo-mode.ts imports this file by path,
 * so the production build never contains the sandboxes): the three simulators, the demo
 * connection wired to them, and the sample story.
 */
export const startDemo = async (options: DemoSandboxOptions = {}) => {
  const sandboxes: DemoSandboxes = await startDemoSandboxes(options);
  return {
    config: sandboxes.config,
    sandboxes,
    connectWebhooks: (hubUrl: string) => sandboxes.connectWebhooks(hubUrl),
    playStory: (log: StoryLog, speed: number): PlayingStory => playStory(SAMPLE_STORY, sandboxes, log, speed),
    close: () => sandboxes.close(),
  };
};
