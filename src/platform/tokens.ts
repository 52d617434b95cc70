/** Dependency-injection tokens for ports (STYLE rule 11). */
export const EVENT_STORE = Symbol('EventStore');
export const STORAGE = Symbol('StorageBackends');
export const HUB_ENV = Symbol('HubEnv');
/** The pool the OAuth token store uses (the inbound module's own). */
export const TOKEN_POOL = Symbol('TokenPool');
