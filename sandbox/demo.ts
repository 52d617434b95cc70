import { ALL_DEMO_BOOKS } from './demo-config.js';
import { startDemoSandboxes, type DemoSandboxes, type DemoSandboxOptions } from './demo-sandboxes.js';
import { SAMPLE_STORY } from './story/sample-story.js';
import { playStory, type PlayingStory, type StoryLog } from './story/story-player.js';

/** A lane's lines name its connection: three stories play at once. */
const laneLog = (log: StoryLog, connection: string): StoryLog => ({
  info: (fields, message) => log.info({ ...fields, connection }, message.replace(/^story:/, `story (${connection}):`)),
  warn: (fields, message) => log.warn({ ...fields, connection }, message.replace(/^story:/, `story (${connection}):`)),
});

/** The stories of every lane as one: finished when all are, stopped together. */
const together = (stories: readonly PlayingStory[]): PlayingStory => ({
  finished: Promise.all(stories.map((s) => s.finished)).then(() => undefined),
  stop: () => stories.forEach((s) => s.stop()),
});

/**
 * The demo as the hub loads it in demo mode (src/hub/demo-mode.ts imports this file by path,
 * so the production build never contains the sandboxes): the simulators, one connection per
 * books system (QuickBooks Online, Xero, QuickBooks Desktop unless `books` says otherwise),
 * each with a Procore sandbox of its own, and the sample story played through each side by side.
 */
export const startDemo = async (options: DemoSandboxOptions = {}) => {
  const sandboxes: DemoSandboxes = await startDemoSandboxes({ books: ALL_DEMO_BOOKS, ...options });
  return {
    config: sandboxes.config,
    hubPort: sandboxes.hubPort,
    sandboxes,
    connectWebhooks: (hubUrl: string) => sandboxes.connectWebhooks(hubUrl),
    playStory: (log: StoryLog, speed: number): PlayingStory =>
      together(sandboxes.lanes.map((lane) => playStory(SAMPLE_STORY, lane, laneLog(log, lane.connection), speed))),
    close: () => sandboxes.close(),
  };
};
