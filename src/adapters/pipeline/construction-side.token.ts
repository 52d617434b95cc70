/** A prime contract read from the construction side (Procore's client satisfies it). */
export interface PrimeContractReader {
  getPrimeContract(projectId: string, primeContractId: string): Promise<
    { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly error: { readonly retryable: boolean; readonly message: string } }
  >;
}

/**
 * The construction side of a connection as the sagas read it. The construction system's client
 * registry provides it (Procore's ProcoreClientsModule), so the sagas name no vendor.
 */
export interface ConstructionSide {
  /** Throws for a connection the config does not name. */
  primeContracts(connection: string): PrimeContractReader;
}

/** The Nest token of the hub's `ConstructionSide`. */
export const CONSTRUCTION_SIDE = Symbol('ConstructionSide');
