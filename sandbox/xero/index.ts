export { startXeroSandbox, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, type XeroSandbox, type XeroSandboxOptions } from './server.js';
export { XeroSandboxState, type ConsentOptions, type HandResult, type ManualPayment } from './state.js';
export { XeroWebhooks, xeroDeliveryPolicy, type SubscriptionStatus, type XeroEvent, type XeroWebhookOptions } from './webhooks/publisher.js';
export type { ItrAttempt, ItrOptions, ItrResult } from './webhooks/intent-to-receive.js';
export { signXero } from './webhooks/signature.js';
export { REFRESH_GRACE_MS, DEFAULT_SCOPES, type TokenSet } from './auth/tokens.js';
export { discoveryDocument, JWKS_PATH } from './auth/discovery-routes.js';
export { ID_TOKEN_TTL_SECONDS } from './auth/claims.js';
export type { XeroLimitOptions } from './traffic/limits.js';
