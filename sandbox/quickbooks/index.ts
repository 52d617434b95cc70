export { startQuickBooksSandbox, type QuickBooksSandbox } from './server.js';
export { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type QuickBooksSandboxOptions } from './options.js';
export { INTUIT_DELIVERY_POLICY, QboWebhooks, signIntuit, type QboWebhookOptions, type WebhookFormat } from './webhooks.js';
export { CompanyAdmin, type PaymentOptions, type WireAmount } from './bookkeeper.js';
export { QboError } from './model/qbo-error.js';
export { ENTITY_NAMES, type EntityName } from './model/entity-types.js';
export type { TokenResponse } from './oauth/oauth-state.js';
export type { QboSandboxState } from './state.js';
export type { HeldLatencyFaults } from './http/guard.js';
