/**
 * Criteria and what they imply. Two are built in, as in cargo-vet: `safe-to-run` (no harm when
 * installed and run on a developer or CI machine: install scripts, build steps, tests) and
 * `safe-to-deploy` (also reviewed for runtime harm in production; implies safe-to-run). Projects
 * add their own with `[criteria.NAME]` in audits.toml.
 */
import type { CriteriaDef } from './types.js';

export const SAFE_TO_RUN = 'safe-to-run';
export const SAFE_TO_DEPLOY = 'safe-to-deploy';

export const BUILTIN_CRITERIA: readonly CriteriaDef[] = [
  {
    name: SAFE_TO_RUN,
    description:
      'Installing and running this code on a developer or CI machine does no harm: no install-time exfiltration, download-and-run, or tampering outside its own folder.',
    implies: [],
  },
  {
    name: SAFE_TO_DEPLOY,
    description:
      'Reviewed for runtime harm too: fit to ship to production (no backdoors, hidden network access, or sabotage reachable from its entry points).',
    implies: [SAFE_TO_RUN],
  },
];

export class CriteriaGraph {
  private readonly defs = new Map<string, CriteriaDef>();

  constructor(defs: readonly CriteriaDef[]) {
    for (const d of [...BUILTIN_CRITERIA, ...defs]) this.defs.set(d.name, d);
  }

  has(name: string): boolean {
    return this.defs.has(name);
  }

  names(): string[] {
    return [...this.defs.keys()];
  }

  /** Every criterion certified by auditing for `names` (themselves and everything they imply). */
  closure(names: readonly string[]): Set<string> {
    const out = new Set<string>();
    const stack = [...names];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (out.has(n)) continue;
      out.add(n);
      for (const i of this.defs.get(n)?.implies ?? []) stack.push(i);
    }
    return out;
  }

  /** Does an audit for `given` certify `required`? */
  satisfies(given: readonly string[], required: string): boolean {
    return this.closure(given).has(required);
  }
}
