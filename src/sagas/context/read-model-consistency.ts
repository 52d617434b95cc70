import type { HandleContext, SubscriptionHandler } from '../../platform/subscriptions/subscription-handler.js';
import type { SagaReadModels } from './read-model-ports.js';

/**
 * A saga's subscriber that decides only once the read models have seen its input: each input
 * waits until their checkpoint reaches the input's own position. The read models follow $all
 * on their own runner, so without this wait a saga could act on a view missing the very fact
 * that triggered it (a books link just resolved, a change order just billed); with it, a saga
 * sees at least every fact recorded before its input, whichever runner is ahead. A stop ends
 * the wait with a throw: the input is not parked, it is delivered again after the restart.
 */
export const afterReadModels = (handler: SubscriptionHandler, readModels: Pick<SagaReadModels, 'caughtUpTo'>): SubscriptionHandler => ({
  name: handler.name,
  filter: handler.filter,
  handle: async (event, context?: HandleContext) => {
    await readModels.caughtUpTo(event.position, context?.signal);
    await handler.handle(event, context);
  },
});
