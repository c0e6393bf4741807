/** Rewrites the sha256 pins of imports in config.toml (only for `vigil audit fetch --update-pins`). */
import { join } from 'node:path';
import { readTomlFile, writeTomlFile } from './toml-io.js';
import { CONFIG_FILE } from './files.js';

export function updatePins(dir: string, pins: Map<string, string>): void {
  const file = join(dir, CONFIG_FILE);
  const t = readTomlFile(file) ?? {};
  const imports = (t['imports'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, sha] of pins) if (imports[name]) imports[name]['sha256'] = sha;
  writeTomlFile(file, '# vigil audit policy, imports (pinned by sha256) and exemptions. Format: docs/audits.md.', t);
}
