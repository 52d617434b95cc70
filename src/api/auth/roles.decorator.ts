import { SetMetadata } from '@nestjs/common';
import type { Role } from './api-keys.js';

export { Public, PUBLIC_KEY } from '../../platform/web/public.decorator.js';

export const ROLES_KEY = 'trestle:roles';

/** Who may call a route. Admin may call every route; other roles only those that name them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
