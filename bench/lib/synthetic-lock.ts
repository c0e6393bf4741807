/**
 * A synthetic package-lock.json v3 with N packages (for memory/time scaling of inventory and the
 * offline pipeline): a root with 50 direct dependencies, each package depending on two others, a
 * tenth of them nested (`a/node_modules/b`), and sha512 integrities. Deterministic.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

export function writeSyntheticLock(path: string, n: number): void {
  const name = (i: number) => (i % 7 === 0 ? `@scope${i % 13}/pkg-${i}` : `pkg-${i}`);
  const packages: Record<string, unknown> = {};
  const direct: Record<string, string> = {};
  for (let i = 0; i < Math.min(50, n); i++) direct[name(i)] = '^1.0.0';
  packages[''] = { name: 'synthetic', version: '1.0.0', dependencies: direct };
  for (let i = 0; i < n; i++) {
    const deps: Record<string, string> = {};
    for (const j of [(i * 7 + 1) % n, (i * 13 + 5) % n]) if (j !== i) deps[name(j)] = '^1.0.0';
    const integrity = `sha512-${createHash('sha512').update(String(i)).digest('base64')}`;
    const key = i % 10 === 9 ? `node_modules/${name(i - 1)}/node_modules/${name(i)}` : `node_modules/${name(i)}`;
    packages[key] = { version: `1.${i % 5}.0`, integrity, license: 'MIT', dependencies: deps, ...(i % 11 === 0 ? { dev: true } : {}) };
  }
  // Nested entries also need a top-level copy for the other dependents to resolve to.
  for (let i = 9; i < n; i += 10)
    packages[`node_modules/${name(i)}`] ??= {
      version: '2.0.0',
      integrity: `sha512-${createHash('sha512').update(`t${i}`).digest('base64')}`,
      license: 'MIT',
    };
  writeFileSync(path, JSON.stringify({ name: 'synthetic', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
}
