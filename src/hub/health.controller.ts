import { Controller, Get, Header, HttpException, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { EventStore } from '../eventstore/index.js';
import { Public } from '../api/auth/roles.decorator.js';
import { MetricsService } from './metrics.service.js';
import { EVENT_STORE } from './tokens.js';

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly metrics: MetricsService) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /** Ready when the event store answers; 503 with a problem body otherwise. */
  @Get('health/ready')
  async ready() {
    try {
      await this.store.ping();
      return { status: 'ok', checks: { eventStore: 'up' } };
    } catch (error) {
      throw new HttpException({ type: 'https://trestle.dev/problems/not-ready', title: 'Not ready', status: 503, detail: `event store: ${(error as Error).message}` }, 503);
    }
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
