/** Fuzz targets for the inventory extractors: lockfiles of each format, SBOMs, dpkg status, package.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bunLockExtractor } from '../../../src/inventory/bun-lock.js';
import { cyclonedxExtractor } from '../../../src/inventory/cyclonedx.js';
import { dpkgStatusExtractor } from '../../../src/inventory/dpkg-status.js';
import { packageJsonExtractor } from '../../../src/inventory/package-json.js';
import { packageLockExtractor } from '../../../src/inventory/package-lock.js';
import { pnpmLockExtractor } from '../../../src/inventory/pnpm-lock.js';
import { spdxExtractor } from '../../../src/inventory/spdx.js';
import type { Extractor } from '../../../src/inventory/types.js';
import { yarnBerryExtractor } from '../../../src/inventory/yarn-berry.js';
import { yarnClassicExtractor } from '../../../src/inventory/yarn-classic.js';
import { ContractBroken, placedProblems, typedOnly } from './contract.js';
import type { FuzzTarget } from './types.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');
const read = (...rel: string[]): Buffer[] => rel.map((r) => readFileSync(join(FIX, r)));

function extractorTarget(name: string, ex: Extractor, fileName: string, seeds: string[], maxBytes?: number): FuzzTarget {
  return {
    name,
    seeds: () => read(...seeds),
    ...(maxBytes ? { maxBytes } : {}),
    async run(input) {
      const out = await typedOnly({ file: fileName, line: true }, () =>
        ex.extract({ path: `/fuzz/${fileName}`, displayPath: fileName, text: input.toString('utf8') }, {}),
      );
      if (out instanceof Error) return;
      if (!Array.isArray(out.components)) throw new ContractBroken('inventory without a components list');
      placedProblems(out.problems, { line: true });
      // A polluted prototype would show on every object created after the parse.
      if (({} as Record<string, unknown>).polluted !== undefined) throw new ContractBroken('Object.prototype polluted');
    },
  };
}

export const INVENTORY_TARGETS: FuzzTarget[] = [
  extractorTarget('package-lock', packageLockExtractor, 'package-lock.json', [
    'inventory/same-project/npm-v1/package-lock.json',
    'inventory/same-project/npm-v2/package-lock.json',
    'inventory/same-project/npm-v3/package-lock.json',
    'inventory/workspaces/npm/package-lock.json',
    'inventory/peers-alias/npm/package-lock.json',
  ]),
  extractorTarget('yarn-classic', yarnClassicExtractor, 'yarn.lock', [
    'inventory/same-project/yarn-classic/yarn.lock',
    'inventory/workspaces/yarn-classic/yarn.lock',
    'inventory/peers-alias/yarn-classic/yarn.lock',
  ]),
  extractorTarget('yarn-berry', yarnBerryExtractor, 'yarn.lock', [
    'inventory/same-project/yarn-berry/yarn.lock',
    'inventory/workspaces/yarn-berry/yarn.lock',
    'inventory/peers-alias/yarn-berry/yarn.lock',
  ]),
  extractorTarget(
    'pnpm-lock',
    pnpmLockExtractor,
    'pnpm-lock.yaml',
    [
      'inventory/same-project/pnpm-v6/pnpm-lock.yaml',
      'inventory/same-project/pnpm-v9/pnpm-lock.yaml',
      'inventory/workspaces/pnpm-v9/pnpm-lock.yaml',
      'inventory/peers-alias/pnpm-v9/pnpm-lock.yaml',
    ],
    // The yaml library takes 3–7 s on one malformed 1 MiB document (about 25,000 YAMLErrors, each
    // with a stack trace), linear in size: 256 KiB exercises the same long lines and many entries
    // at a quarter of the cost, so 10^5 cases fit in well under an hour.
    256 * 1024,
  ),
  extractorTarget('bun-lock', bunLockExtractor, 'bun.lock', [
    'inventory/same-project/bun/bun.lock',
    'inventory/workspaces/bun/bun.lock',
    'inventory/peers-alias/bun/bun.lock',
  ]),
  extractorTarget('cyclonedx', cyclonedxExtractor, 'bom.json', [
    'inventory/sbom/npm-cyclonedx-1.4/bom.json',
    'inventory/sbom/npm-cyclonedx-1.5/bom.json',
    'inventory/sbom/mixed-ecosystems-1.6/bom.cdx.json',
  ]),
  extractorTarget('spdx', spdxExtractor, 'sbom.spdx.json', [
    'inventory/sbom/npm-spdx-2.3/sbom.spdx.json',
    'inventory/sbom/spdx-dangling/app.spdx.json',
  ]),
  extractorTarget('dpkg-status', dpkgStatusExtractor, 'status', [
    'debian/rootfs-minimal/var/lib/dpkg/status',
    'debian/status-ssh-host/status',
    'debian/status-crlf-duplicates/status',
  ]),
  extractorTarget('package-json', packageJsonExtractor, 'package.json', [
    'inventory/bare-package-json/package.json',
    'inventory/workspaces/npm/package.json',
  ]),
];
