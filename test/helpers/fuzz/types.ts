/** A parser under fuzz: valid seeds to mutate and one run over mutated bytes (throws ContractBroken). */
export interface FuzzTarget {
  name: string;
  seeds(): Buffer[];
  /** Largest generated input (default and ceiling: MAX_FUZZ_BYTES); lowered only where one large case costs seconds in a library. */
  maxBytes?: number;
  run(input: Buffer): Promise<void> | void;
}
