import { Global, Injectable, Module } from '@nestjs/common';
import type { ProcoreSideConfig } from '../../platform/config/connection.types.js';
import type { OAuthGrant } from '../../platform/oauth/token-endpoint.js';
import { ApiClientKit, PerConnection } from '../pipeline/inbound/api-client-kit.js';
import { CONSTRUCTION_SIDE, type ConstructionSide } from '../pipeline/construction-side.token.js';
import { ProcoreClient } from './procore-client.js';

export const procoreGrant = (connection: string, side: ProcoreSideConfig): OAuthGrant => ({
  connection, system: 'procore', tokenUrl: side.tokenUrl, clientId: side.clientId, clientSecret: side.clientSecret,
  grant: side.grant, ...(side.refreshToken ? { refreshToken: side.refreshToken } : {}), clientAuth: 'body',
});

/** Each connection's Procore client (Procore is the construction side of every connection). */
@Injectable()
export class ProcoreClients {
  private readonly clients = new PerConnection<ProcoreClient>();

  constructor(private readonly kit: ApiClientKit) {}

  /** Throws for a connection the config does not name. */
  procore(name: string): ProcoreClient {
    return this.clients.get(name, () => {
      const side = this.kit.connection(name).construction;
      return ProcoreClient.create(side, this.kit.tokenSource(procoreGrant(name, side)), this.kit.httpOptions('procore', name));
    });
  }
}

/** Procore's clients for every module that talks to Procore, and the sagas' construction side. Global; needs InboundModule (global). */
@Global()
@Module({
  providers: [
    ProcoreClients,
    { provide: CONSTRUCTION_SIDE, inject: [ProcoreClients], useFactory: (clients: ProcoreClients): ConstructionSide => ({ primeContracts: (name) => clients.procore(name) }) },
  ],
  exports: [ProcoreClients, CONSTRUCTION_SIDE],
})
export class ProcoreClientsModule {}
