import { applyDecorators, UsePipes, ValidationPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtension, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '../auth/api-keys.js';
import { Roles } from '../auth/roles.decorator.js';

/**
 * Who may call a controller's routes, for the guard and in the OpenAPI document alike:
 * `x-roles` on each operation lets the auth test walk every documented route.
 */
export const Access = (...roles: Role[]) => applyDecorators(
  Roles(...roles),
  ApiSecurity('apiKey'),
  ApiExtension('x-roles', roles),
  ApiUnauthorizedResponse({ description: 'No API key, or an unknown one (problem+json).' }),
  ApiForbiddenResponse({ description: `The key's role is not ${[...new Set([...roles, 'admin'])].join(' or ')} (problem+json).` }),
);

/** Query and path validation: unknown parameters and bad values are a 400 problem naming each one. */
export const Validated = () => applyDecorators(
  UsePipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true })),
  ApiBadRequestResponse({ description: 'A query or path parameter is not valid (problem+json, with `errors`).' }),
);
