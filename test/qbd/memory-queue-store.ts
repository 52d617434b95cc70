import type { AppendResult, EventData, EventStore, RecordedEvent } from '../../src/eventstore/index.js';

/** Just enough of the event store for the queue's unit tests: streams in memory, ids deduplicated. */
export const memoryQueueStore = (): EventStore & { events: (stream: string) => RecordedEvent[] } => {
  const streams = new Map<string, RecordedEvent[]>();
  let position = 0n;
  const unused = () => {
    throw new Error('not used by the queue');
  };
  return {
    events: (stream) => streams.get(stream) ?? [],
    async append(stream: string, events: readonly EventData[]): Promise<AppendResult> {
      const list = streams.get(stream) ?? [];
      const fresh = events.filter((e) => !list.some((r) => r.id === e.id));
      for (const e of fresh) {
        position += 1n;
        list.push({
          id: e.id, type: e.type, streamName: stream, revision: list.length, position: { commit: position, prepare: position } as never,
          data: JSON.parse(JSON.stringify(e.data)), metadata: { correlationId: e.id, causationId: null, connection: null, source: null, schemaVersion: 1, recordedAt: '' },
        });
      }
      streams.set(stream, list);
      return { nextRevision: list.length - 1, position: null, written: fresh.length > 0 };
    },
    async readStream(stream: string, options?: { fromRevision?: number }) {
      return (streams.get(stream) ?? []).filter((e) => e.revision >= (options?.fromRevision ?? 0));
    },
    streamRevision: async (stream) => (streams.get(stream)?.length ?? 0) - 1,
    readAll: unused, subscribeToAll: unused, verify: unused, ping: async () => undefined, close: async () => undefined,
    checkpoints: { load: unused, save: unused },
  };
};
