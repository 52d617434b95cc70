import { Inject, Injectable } from '@nestjs/common';
import type { HubEnv } from '../../../platform/config/env.js';
import { HUB_ENV } from '../../../platform/tokens.js';
import { ConnectionsService } from '../../pipeline/inbound/connections.service.js';
import { PROCORE_RESOURCES } from '../inbound/procore-fetch.js';
import { ProcoreClients } from '../procore-clients.js';
import { ProcoreWebhooksApi, type HookSpec, type RemoteHook } from './procore-webhooks-api.js';

export const HOOK_EVENT_TYPES = ['create', 'update', 'delete'] as const;
/** v2 payloads (facts §6.3): the legacy default; the hub reads v2, v3 and v4 alike. */
const API_VERSION = 'v2';

/** `update` on Project Vendors stops 30 Jun 2026 (facts §6.1); Company Vendors carries the same changes. */
const DEPRECATED: ReadonlySet<string> = new Set(['Project Vendors']);

export type SetupStatus = 'created' | 'existing' | 'updated';

export interface HookSetupReport {
  readonly connection: string;
  readonly destinationUrl: string;
  readonly hook: { readonly id: string; readonly namespace: string; readonly status: SetupStatus };
  readonly triggers: ReadonlyArray<{ readonly resourceName: string; readonly eventType: string; readonly id: string; readonly status: SetupStatus }>;
  /** Resources the hub follows that this company does not offer as webhook resources. */
  readonly notOffered: readonly string[];
}

/** Why a setup cannot start: the route answers it as a 4xx problem, the CLI prints it. */
export class HookSetupRefused extends Error {
  constructor(readonly reason: 'unknown_connection' | 'no_public_url', message: string) {
    super(message);
    this.name = 'HookSetupRefused';
  }
}

/** One namespace per connection (lowercase a-z, 0-9, '-', facts §6.1), so two connections on one company keep apart. */
export const namespaceFor = (connection: string): string =>
  `trestle-${connection.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'connection'}`;

const sameHook = (hook: RemoteHook, spec: HookSpec): boolean =>
  hook.destinationUrl === spec.destinationUrl && hook.authorization === spec.authorization;

/**
 * Registers a connection's Procore hook and its triggers (one per followed resource and
 * event), idempotently: what already exists is reported, not created again; a hook whose
 * destination or Authorization header drifted is updated in place.
 */
@Injectable()
export class ProcoreHookSetup {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly clients: ProcoreClients,
    @Inject(HUB_ENV) private readonly env: HubEnv,
  ) {}

  /** Where Procore must deliver: the hub's public base URL (TRESTLE_PUBLIC_URL) and the connection's receiver. */
  private spec(connection: string): HookSpec {
    const config = this.connections.get(connection);
    if (!config) throw new HookSetupRefused('unknown_connection', `no connection named "${connection}"`);
    if (!this.env.publicUrl) {
      throw new HookSetupRefused('no_public_url', 'TRESTLE_PUBLIC_URL is not set: Procore delivers webhooks to the hub\'s public https base URL, so set it (e.g. https://trestle.example.com) and restart the hub');
    }
    const base = this.env.publicUrl.replace(/\/+$/, '');
    return {
      namespace: namespaceFor(connection), apiVersion: API_VERSION,
      destinationUrl: `${base}/webhooks/procore/${encodeURIComponent(connection)}`, authorization: config.construction.webhookAuthorization,
    };
  }

  async ensure(connection: string): Promise<HookSetupReport> {
    const spec = this.spec(connection);
    const api = new ProcoreWebhooksApi(this.clients.procore(connection));
    const [existing] = await api.hooksIn(spec.namespace);
    let hook: RemoteHook;
    let status: SetupStatus = 'existing';
    if (!existing) [hook, status] = [await api.createHook(spec), 'created'];
    else if (!sameHook(existing, spec)) [hook, status] = [await api.updateHook(existing.id, spec), 'updated'];
    else hook = existing;
    const offered = new Set(await api.resourceNames());
    const followed = Object.keys(PROCORE_RESOURCES).filter((name) => !DEPRECATED.has(name));
    const have = await api.triggersOf(hook.id);
    const triggers: Array<HookSetupReport['triggers'][number]> = [];
    for (const resourceName of followed.filter((name) => offered.has(name))) {
      for (const eventType of HOOK_EVENT_TYPES) {
        const found = have.find((t) => t.resourceName === resourceName && t.eventType === eventType);
        const trigger = found ?? await api.createTrigger(hook.id, spec.apiVersion, resourceName, eventType);
        triggers.push({ resourceName, eventType, id: trigger.id, status: found ? 'existing' : 'created' });
      }
    }
    return {
      connection, destinationUrl: spec.destinationUrl, hook: { id: hook.id, namespace: spec.namespace, status }, triggers,
      notOffered: followed.filter((name) => !offered.has(name)),
    };
  }
}
