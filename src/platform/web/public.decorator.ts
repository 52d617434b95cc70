import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'trestle:public';

/**
 * No API key: health, docs, and webhooks (their signatures are their auth). Here, below the API,
 * because vendor webhook intakes live with their system and must be able to say so.
 */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
