import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { Roles } from '../auth/roles.decorator.js';
import { reencryptStoredTokens, type KeyRotationReport } from '../../platform/oauth/rotate-token-key.js';
import { TokenCipher } from '../../platform/oauth/token-cipher.js';
import { TOKEN_POOL } from '../../platform/tokens.js';

const REPORT_SCHEMA = {
  type: 'object',
  properties: {
    reencrypted: { type: 'integer' },
    alreadyCurrent: { type: 'integer' },
    unreadable: { type: 'array', items: { type: 'object', properties: { connection: { type: 'string' }, system: { type: 'string' } } } },
  },
};

/**
 * Key rotation for the OAuth tokens at rest. The operator restarts the hub with the new key
 * as TRESTLE_SECRET_KEY and the old one as TRESTLE_SECRET_KEY_PREVIOUS, then calls this
 * (`trestle secrets rotate`), then drops the previous key.
 */
@ApiTags('admin')
@ApiSecurity('apiKey')
@Roles('admin')
@Controller('admin/secrets')
export class SecretsController {
  constructor(@Inject(TOKEN_POOL) private readonly pool: pg.Pool, private readonly cipher: TokenCipher) {}

  @Post('rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-encrypt every stored OAuth refresh token under the current TRESTLE_SECRET_KEY' })
  @ApiOkResponse({ schema: REPORT_SCHEMA })
  rotate(): Promise<KeyRotationReport> {
    return reencryptStoredTokens(this.pool, this.cipher);
  }
}
