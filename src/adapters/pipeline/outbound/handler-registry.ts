import type { OutboundHandler } from './outbound-handler.js';

/**
 * The request types the dispatcher executes, one handler each. Feature modules register
 * theirs in `onModuleInit`; the registry closes when the dispatcher starts, because a type
 * added later would be missing from its subscription filter and its requests skipped.
 */
export class OutboundHandlerRegistry {
  private readonly handlers = new Map<string, OutboundHandler>();
  private closed = false;

  constructor(handlers: readonly OutboundHandler[] = []) {
    for (const handler of handlers) this.register(handler);
  }

  register(handler: OutboundHandler): void {
    if (this.closed) throw new Error(`outbound handler for ${handler.requestType} registered after the dispatcher started; register it in onModuleInit`);
    if (this.handlers.has(handler.requestType)) throw new Error(`two outbound handlers for ${handler.requestType}`);
    if (handler.batchable && !handler.executeBatch) throw new Error(`outbound handler for ${handler.requestType} is batchable but has no executeBatch`);
    this.handlers.set(handler.requestType, handler);
  }

  get(requestType: string): OutboundHandler | undefined {
    return this.handlers.get(requestType);
  }

  requestTypes(): string[] {
    return [...this.handlers.keys()];
  }

  close(): void {
    this.closed = true;
  }
}
