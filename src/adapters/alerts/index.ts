export * from './alert-events.js';
export { AlertService } from './alert-service.js';
export { AlertNotifier, type NotifierOptions } from './alert-notifier.js';
export { raisedMessage, clearedMessage, historyLink, type ChatMessage } from './alert-message.js';
export { LabourCostAlerts } from './labour-cost-alerts.js';
export { QuarantineAlerts, quarantineAlertKey, DEFAULT_PARKED_TYPES, DEFAULT_RESUMED_TYPES, type QuarantineOptions } from './quarantine-alerts.js';
export { AlertsModule, ALERTS_OPTIONS, type AlertsModuleOptions } from './alerts.module.js';
