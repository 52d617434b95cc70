import { BadGatewayException, ConflictException, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Access, Validated } from '../shared/access.js';
import { PROBLEM_BASE } from '../../platform/web/problem-details.filter.js';
import { ApiCallError } from '../../platform/http/api-result.js';
import { HookSetupRefused, ProcoreHookSetup, type HookSetupReport } from '../../adapters/procore/hooks/procore-hook-setup.js';

export class ConnectionParams {
  @ApiProperty({ example: 'acme' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/, { message: 'connection must be a connection name (a-z, 0-9, _ and -)' })
  connection!: string;
}

const problem = (status: number, slug: string, title: string, detail: string) => ({ type: `${PROBLEM_BASE}${slug}`, title, status, detail });

/** Refusals and Procore's own answers as problem bodies: 404/409 are ours, 502 names what Procore said. */
const asHttpError = (error: unknown): unknown => {
  if (error instanceof HookSetupRefused) {
    return error.reason === 'unknown_connection'
      ? new NotFoundException(problem(404, 'unknown-connection', 'Not Found', error.message))
      : new ConflictException(problem(409, 'public-url-missing', 'Conflict', error.message));
  }
  if (error instanceof ApiCallError) return new BadGatewayException(problem(502, 'procore-refused', 'Bad Gateway', `Procore's webhooks API: ${error.message}`));
  return error;
};

/** Procore webhook setup for a connection (facts §6.1): its hook and triggers, idempotently. */
@ApiTags('admin')
@Access('admin')
@Validated()
@Controller('admin/connections/:connection/procore-hooks')
export class ProcoreHooksController {
  constructor(private readonly setup: ProcoreHookSetup) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Register the connection's Procore hook (TRESTLE_PUBLIC_URL + /webhooks/procore/{connection}, with its Authorization header) and one trigger per followed resource and event; what exists is left as is" })
  @ApiOkResponse({ description: 'What was created, updated or already existed' })
  @ApiNotFoundResponse({ description: 'No such connection (problem+json)' })
  @ApiResponse({ status: 409, description: 'TRESTLE_PUBLIC_URL is not set (problem+json)' })
  @ApiResponse({ status: 502, description: "Procore refused a call; its message is in `detail` (problem+json)" })
  async register(@Param() { connection }: ConnectionParams): Promise<HookSetupReport> {
    try {
      return await this.setup.ensure(connection);
    } catch (error) {
      throw asHttpError(error);
    }
  }
}
