import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../api/auth/api-keys.js';

export const ROLES_KEY = 'trestle:roles';
export const PUBLIC_KEY = 'trestle:public';

/** Who may call a route. Admin may call every route; other roles only those that name them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No API key: health, docs, and webhooks (their signatures are their auth). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
