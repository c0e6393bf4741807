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

/**
 * Up to 5 problems of one code are kept as they are; the rest are counted in one summary problem.
 * Collapsed as they arrive: a 200,000-component scan offline would otherwise hold one problem (and
 * its message) per package until the end.
 */
class Collapsed {
  private readonly byCode = new Map<string, { kept: Problem[]; more: number; examples: string[] }>();

  add(p: Problem): void {
    let e = this.byCode.get(p.code);
    if (!e) this.byCode.set(p.code, (e = { kept: [], more: 0, examples: [] }));
    if (e.kept.length < 5) e.kept.push(p);
    else {
      e.more++;
      const example = p.subject ?? p.file;
      if (e.more <= 3 && example) e.examples.push(example);
    }
  }

  list(): Problem[] {
    const out: Problem[] = [];
    for (const [code, e] of this.byCode) {
      out.push(...e.kept);
      if (e.more > 0) out.push({ code, message: `${e.more} more like this (${e.examples.join(', ')}, …)` });
    }
    return out;
  }
}

export async function collectFunding(
  inv: Inventory,
  deps: CollectDeps,
): Promise<{ packuments: Map<string, PackageMetadata>; channels: Map<string, FundingChannel[]>; problems: Problem[] }> {
  const packuments = new Map<string, PackageMetadata>();
  const channels = new Map<string, FundingChannel[]>();
  const fetchProblems = new Collapsed();
  const fieldProblems = new Collapsed();
  const npm = inv.components.filter((c) => c.ecosystem === 'npm' && !c.meta?.workspace && !c.notAnalyzed);
  const names = [...new Set(npm.map((c) => c.name))].sort();
  if (deps.getPackument) {
    await mapLimit(names, deps.concurrency ?? 8, async (name) => {
      try {
        packuments.set(name, await deps.getPackument!(name));
      } catch (e) {
        fetchProblems.add({
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
      for (const p of r.problems) fieldProblems.add(p);
    }
    const rel = c.paths?.[0];
    const installed =
      deps.projectDir && rel && !rel.split(/[\\/]/).includes('..') && existsSync(join(deps.projectDir, rel, 'package.json'))
        ? join(deps.projectDir, rel)
        : undefined;
    if (installed) {
      const r = readTreeFunding(installed, { packageJson: !m });
      for (const p of r.problems) fieldProblems.add(p);
      for (const ch of r.channels) if (!list.some((x) => x.address === ch.address)) list.push(ch);
    }
    if (m || installed) channels.set(c.purl, list);
  }
  return { packuments, channels, problems: [...fetchProblems.list(), ...fieldProblems.list()] };
}
