/**
 * The roles an API key can have, here on the platform floor because the config loader reads
 * them; src/api/auth decides what each may do (admin everything, the others what names them).
 */
export const API_ROLES = ['finance', 'auditor', 'operator', 'bookkeeper', 'estimator', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];
