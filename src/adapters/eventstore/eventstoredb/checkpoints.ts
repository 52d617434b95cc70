/**
 * Subscriber checkpoints as one small stream each. Only the last event counts; `$maxCount: 1`
 * lets scavenging drop the older ones, and reading the last event works whether or not it is set.
 */
import { randomUUID } from 'node:crypto';
import { ANY, BACKWARDS, END, type EventStoreDBClient } from '@eventstore/db-client';
import {
  EventStoreInputError, MAX_STREAM_NAME_LENGTH,
  type AllPosition, type CheckpointStore,
} from '../../../eventstore/index.js';
import { toStoredEvent } from './event-mapping.js';
import { CHECKPOINT_STREAM_PREFIX } from './filters.js';
import { createNamespace, type Namespace } from './namespace.js';
import { isStreamNotFound } from './translate-error.js';

export const CHECKPOINT_EVENT_TYPE = 'TrestleCheckpoint';

export type CheckpointClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'setStreamMetadata'>;

export const checkpointStreamName = (subscriber: string): string => {
  if (typeof subscriber !== 'string' || subscriber.length === 0
    || CHECKPOINT_STREAM_PREFIX.length + subscriber.length > MAX_STREAM_NAME_LENGTH) {
    throw new EventStoreInputError('INVALID_STREAM_NAME',
      `subscriber name must be 1 to ${MAX_STREAM_NAME_LENGTH - CHECKPOINT_STREAM_PREFIX.length} characters`);
  }
  return `${CHECKPOINT_STREAM_PREFIX}${subscriber}`;
};

/** Positions are u64 on the wire: strings in JSON, never numbers. */
export const encodeCheckpoint = (position: AllPosition): { commit: string; prepare: string } =>
  ({ commit: position.commit.toString(), prepare: position.prepare.toString() });

const DIGITS = /^-?\d+$/;

export const decodeCheckpoint = (data: unknown): AllPosition | undefined => {
  if (typeof data !== 'object' || data === null) return undefined;
  const { commit, prepare } = data as Record<string, unknown>;
  if (typeof commit !== 'string' || typeof prepare !== 'string' || !DIGITS.test(commit) || !DIGITS.test(prepare)) return undefined;
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
};

export const createCheckpointStore = (client: CheckpointClient, namespace: Namespace = createNamespace()): CheckpointStore => {
  const trimmed = new Set<string>();

  const load = async (subscriber: string): Promise<AllPosition | undefined> => {
    const stream = namespace.physical(checkpointStreamName(subscriber));
    try {
      for await (const resolved of client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        const stored = toStoredEvent(resolved);
        if (stored?.type === CHECKPOINT_EVENT_TYPE) return decodeCheckpoint(stored.data);
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    return undefined;
  };

  const save = async (subscriber: string, position: AllPosition): Promise<void> => {
    const stream = namespace.physical(checkpointStreamName(subscriber));
    await client.appendToStream(stream, {
      id: randomUUID(), contentType: 'application/json', type: CHECKPOINT_EVENT_TYPE, data: encodeCheckpoint(position), metadata: undefined,
    }, { expectedRevision: ANY });
    if (trimmed.has(stream)) return;
    // Only housekeeping: without $maxCount old checkpoints stay until someone trims them, and
    // `load` is right either way. An ACL that forbids metadata writes must not fail the save.
    try {
      await client.setStreamMetadata(stream, { maxCount: 1 });
      trimmed.add(stream);
    } catch {
      // retried on the next save
    }
  };

  return { load, save };
};
