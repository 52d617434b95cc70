import { Global, Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { HubEnv } from '../../platform/config/env.js';
import type { EventStore } from '../../eventstore/index.js';
import { SubscriptionsService } from '../../platform/subscriptions/subscriptions.service.js';
import { EVENT_STORE, HUB_ENV } from '../../platform/tokens.js';
import { AlertNotifier } from './alert-notifier.js';
import { AlertService } from './alert-service.js';
import { QuarantineAlerts, type QuarantineOptions } from './quarantine-alerts.js';

export interface AlertsModuleOptions {
  /** Slack or Google Chat incoming webhook; default TRESTLE_ALERT_WEBHOOK_URL. */
  readonly webhookUrl?: string;
  /** Base of links in messages; default TRESTLE_PUBLIC_URL, else the hub's own address. */
  readonly publicUrl?: string;
  /** Which events park and resume documents; `false` to not alert on them. */
  readonly quarantine?: QuarantineOptions | false;
  /** Incidents older than this are not sent when the notifier replays (default 24 h). */
  readonly maxAgeMs?: number;
}

export const ALERTS_OPTIONS = Symbol('AlertsModuleOptions');

@Injectable()
export class AlertsSubscribers implements OnModuleInit {
  constructor(
    private readonly subscriptions: SubscriptionsService, private readonly alerts: AlertService, private readonly logger: PinoLogger,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsModuleOptions, @Inject(HUB_ENV) private readonly env: HubEnv,
  ) {
    this.logger.setContext('alerts');
  }

  onModuleInit(): void {
    const publicUrl = this.options.publicUrl ?? this.env.publicUrl ?? `http://${this.env.host}:${this.env.port}`;
    const webhookUrl = this.options.webhookUrl ?? this.env.alertWebhookUrl;
    this.subscriptions.register(new AlertNotifier({ webhookUrl, publicUrl, maxAgeMs: this.options.maxAgeMs, logger: this.logger }));
    if (this.options.quarantine !== false) this.subscriptions.register(new QuarantineAlerts(this.alerts, this.options.quarantine));
  }
}

/** Incidents (`system.alerts`) and their chat messages; the /admin/alerts routes are src/api/admin's. */
@Global()
@Module({})
export class AlertsModule {
  static forRoot(options: AlertsModuleOptions = {}): DynamicModule {
    return {
      module: AlertsModule,
      providers: [
        { provide: ALERTS_OPTIONS, useValue: options },
        { provide: AlertService, useFactory: (store: EventStore) => new AlertService(store), inject: [EVENT_STORE] },
        AlertsSubscribers,
      ],
      exports: [AlertService],
    };
  }
}
