/**
 * I/O for `vigil fund`: registry manifests (funding, maintainers, times) of the npm components and
 * funding files of installed package directories. Failures become Problems; nothing throws for
 * one package.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toProblem } from '../../core/errors.js';
import type { Inventory, Problem } from '../../core/types.js';
import type { PackageMetadata } from '../../core/package-metadata.js';
import type { FundingChannel } from './channel.js';
import { parsePackageFunding } from './package-funding.js';
import { readTreeFunding } from './source-tree.js';

export interface CollectDeps {
  getPackument?: (name: string) => Promise<PackageMetadata>;
  concurrency?: number;
  /** Project directory: installed packages under it (`paths`) are read for FUNDING.yml / funding.json. */
  projectDir?: string;
}

async function mapLimit<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
}

/** Up to 5 problems of one code are kept as they are; the rest are counted in one summary problem. */
function collapse(problems: Problem[]): Problem[] {
  const byCode = new Map<string, Problem[]>();
  for (const p of problems) (byCode.get(p.code) ?? byCode.set(p.code, []).get(p.code)!).push(p);
  const out: Problem[] = [];
  for (const [code, list] of byCode) {
    out.push(...list.slice(0, 5));
    if (list.length > 5)
      out.push({
        code,
        message: `${list.length - 5} more like this (${list
          .slice(5, 8)
          .map((p) => p.subject ?? p.file)
          .filter(Boolean)
          .join(', ')}, …)`,
      });
  }
  return out;
}

export async function collectFunding(
  inv: Inventory,
  deps: CollectDeps,
): Promise<{ packuments: Map<string, PackageMetadata>; channels: Map<string, FundingChannel[]>; problems: Problem[] }> {
  const packuments = new Map<string, PackageMetadata>();
  const channels = new Map<string, FundingChannel[]>();
  const fetchProblems: Problem[] = [];
  const fieldProblems: Problem[] = [];
  const npm = inv.components.filter((c) => c.ecosystem === 'npm' && !c.meta?.workspace && !c.notAnalyzed);
  const names = [...new Set(npm.map((c) => c.name))].sort();
  if (deps.getPackument) {
    await mapLimit(names, deps.concurrency ?? 8, async (name) => {
      try {
        packuments.set(name, await deps.getPackument!(name));
      } catch (e) {
        fetchProblems.push({
          ...toProblem(e, name),
          subject: name,
          message: `registry metadata of ${name} unavailable: ${(e as Error).message}; its funding channel and fragility signals are unknown`,
        });
      }
    });
  }
  for (const c of npm) {
    const list: FundingChannel[] = [];
    const m = packuments.get(c.name)?.versions[c.version];
    if (m) {
      const r = parsePackageFunding(m.funding, `${c.name}@${c.version}`);
      list.push(...r.channels);
      fieldProblems.push(...r.problems);
    }
    const rel = c.paths?.[0];
    const installed =
      deps.projectDir && rel && !rel.split(/[\\/]/).includes('..') && existsSync(join(deps.projectDir, rel, 'package.json'))
        ? join(deps.projectDir, rel)
        : undefined;
    if (installed) {
      const r = readTreeFunding(installed, { packageJson: !m });
      fieldProblems.push(...r.problems);
      for (const ch of r.channels) if (!list.some((x) => x.address === ch.address)) list.push(ch);
    }
    if (m || installed) channels.set(c.purl, list);
  }
  return { packuments, channels, problems: [...collapse(fetchProblems), ...collapse(fieldProblems)] };
}
