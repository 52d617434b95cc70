import { Controller, Get, Header, HttpException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../platform/web/public.decorator.js';
import { StoreAvailability } from '../../platform/subscriptions/store-availability.js';
import { MetricsService } from '../../platform/metrics/metrics.service.js';

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(private readonly metrics: MetricsService, private readonly availability: StoreAvailability) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /** Ready when the event store answers (within a bound); 503 with a problem body otherwise. */
  @Get('health/ready')
  async ready() {
    try {
      await this.availability.check();
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
