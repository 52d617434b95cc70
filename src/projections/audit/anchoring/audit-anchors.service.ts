import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { StorageBackends } from '../../../adapters/eventstore/open-event-store.js';
import { decodeKey, type HubEnv } from '../../../platform/config/env.js';
import { HUB_ENV, STORAGE } from '../../../platform/tokens.js';
import { FileAnchorSink, UrlAnchorSink } from './anchor-sink.js';
import { AuditAnchors } from './audit-anchors.js';

/** The hub's anchoring: the boot warnings, an anchor at every interval, and on demand through AuditAnchors. */
@Injectable()
export class AuditAnchorsService extends AuditAnchors implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(@Inject(HUB_ENV) private readonly env: HubEnv, @Inject(STORAGE) private readonly storage: StorageBackends, private readonly logger: PinoLogger) {
    const { key, anchorUrl, anchorDir } = env.audit;
    super(storage.store, key === undefined ? undefined : decodeKey(key), anchorUrl ? new UrlAnchorSink(anchorUrl) : new FileAnchorSink(anchorDir));
    this.logger.setContext('audit');
  }

  async onApplicationBootstrap(): Promise<void> {
    const risk = await this.storage.historyRewriteRisk().catch((error: Error) => `could not check the database role's rights: ${error.message}`);
    if (risk) this.logger.warn(risk);
    if (!this.enabled) {
      if (!this.env.audit.key) this.logger.warn('TRESTLE_AUDIT_KEY is not set: history is not anchored outside the database, so its owner could rewrite it unseen');
      return;
    }
    const seconds = this.env.audit.anchorIntervalSeconds;
    this.logger.info({ sink: this.sink.description, intervalSeconds: seconds }, 'anchoring the event history');
    if (seconds > 0) this.timer = setInterval(() => this.anchorInBackground(), seconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  // One anchor at a time; a failure is logged and the next interval tries again.
  private anchorInBackground(): void {
    if (this.running) return;
    this.running = this.anchor()
      .then(({ anchor, written }) => { if (written) this.logger.info({ events: anchor.events, anchoredAt: anchor.anchoredAt }, 'anchor written'); })
      .catch((error: Error) => this.logger.error({ err: error }, `anchoring failed (${this.sink.description})`))
      .finally(() => { this.running = undefined; });
  }
}
