/** A parser under fuzz: valid seeds to mutate and one run over mutated bytes (throws ContractBroken). */
export interface FuzzTarget {
  name: string;
  seeds(): Buffer[];
  run(input: Buffer): Promise<void> | void;
}
