/**
 * The hash chain, computed client-side: ESDB has no triggers, so the adapter links each event to
 * its predecessor before writing and guards the write with that predecessor's exact revision.
 */
import { chainHash, GENESIS_HASH, type VerifyResult } from '../../../eventstore/index.js';
import { chainedContent, type Candidate, type StoredEvent } from './event-mapping.js';

export const linkBatch = (streamName: string, firstRevision: number, previousHash: string, candidates: readonly Candidate[]): string[] => {
  let previous = previousHash;
  return candidates.map((candidate, index) => {
    previous = chainHash(previous, chainedContent(streamName, firstRevision + index, candidate));
    return previous;
  });
};

type Broken = NonNullable<VerifyResult['firstBroken']>;

/**
 * Feed it $all in order. Each stream must start at revision 0, have no gaps, and every stored
 * link must match its content and the previous stored link. A broken event does not cascade:
 * the next one is checked against the link as stored, so the report names the altered event.
 */
export const createChainVerifier = () => {
  const streams = new Map<string, { readonly nextRevision: number; readonly previousHash: string }>();
  let eventsChecked = 0;
  let firstBroken: Broken | undefined;

  const check = (event: StoredEvent): void => {
    eventsChecked += 1;
    const state = streams.get(event.streamName) ?? { nextRevision: 0, previousHash: GENESIS_HASH };
    const fail = (reason: string) => {
      firstBroken ??= { streamName: event.streamName, revision: event.revision, eventId: event.id, reason };
    };
    if (event.revision > state.nextRevision) fail(`revisions ${state.nextRevision} to ${event.revision - 1} are missing`);
    else if (event.revision < state.nextRevision) fail(`revision ${event.revision} appears twice`);
    if (event.hash === undefined) fail('has no hash link');
    else if (event.hash !== chainHash(state.previousHash, chainedContent(event.streamName, event.revision, event))) {
      fail('hash link does not match the event content and its predecessor');
    }
    streams.set(event.streamName, { nextRevision: event.revision + 1, previousHash: event.hash ?? GENESIS_HASH });
  };

  const result = (): VerifyResult => ({
    ok: firstBroken === undefined,
    streamsChecked: streams.size,
    eventsChecked,
    ...(firstBroken === undefined ? {} : { firstBroken }),
  });

  return { check, result };
};
