/**
 * Which optional dependencies would be installed: npm's own os/cpu/libc rules (npm-install-checks,
 * the code npm runs) applied to the lockfile's platform fields. An optional component that installs on
 * none of the target platforms is skipped, and so is what only it needs; the result says which and why.
 */
import { checkPlatform, currentEnv } from '../vendor/platform-checks.js';
import { VigilError } from '../core/errors.js';
import type { Inventory, PlatformConstraint } from '../core/types.js';

export interface PlatformTarget {
  os: string;
  cpu: string;
  /** `glibc` or `musl`; Linux only. */
  libc?: string;
}

/** `all`: analyse every platform's packages. */
export type PlatformChoice = 'all' | PlatformTarget[];

export interface PlatformReport {
  /** The platforms analysed (`linux-x64-glibc`), or `all`. */
  targets: string[] | 'all';
  skipped: { purl: string; reason: string }[];
}

export function currentPlatform(): PlatformTarget {
  const os = currentEnv.os();
  const libc = currentEnv.libc(os);
  return { os, cpu: currentEnv.cpu(), ...(libc ? { libc } : {}) };
}

export function platformLabel(t: PlatformTarget): string {
  return [t.os, t.cpu, t.libc].filter(Boolean).join('-');
}

/** Parses `linux-x64-glibc,darwin-arm64,win32-x64` (os-cpu[-libc], comma-separated). */
export function parsePlatformList(text: string): PlatformTarget[] {
  const out: PlatformTarget[] = [];
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [os, cpu, libc, extra] = item.split('-');
    if (!os || !cpu || extra !== undefined || (libc !== undefined && libc !== 'glibc' && libc !== 'musl')) {
      throw new VigilError('E_USAGE', `--platform: "${item}" is not os-cpu[-libc]`, {
        hint: 'e.g. --platform linux-x64-glibc,linux-arm64-musl,darwin-arm64,win32-x64',
      });
    }
    out.push({ os, cpu, ...(libc ? { libc } : {}) });
  }
  if (out.length === 0) throw new VigilError('E_USAGE', '--platform needs at least one os-cpu[-libc]');
  return out;
}

/** Whether npm would install a package with this constraint on one of the platforms (`all`: always). */
export function installsOnAny(p: PlatformConstraint, choice: PlatformChoice): boolean {
  return choice === 'all' || choice.some((t) => installsOn(p, t));
}

export function installsOn(p: PlatformConstraint, t: PlatformTarget): boolean {
  // `linux-x64` without a libc means either; off Linux a libc-restricted package never installs.
  const spec = t.libc === undefined && t.os === 'linux' ? { ...p, libc: undefined } : p;
  try {
    // Always pass a libc: without one npm-install-checks would detect this machine's.
    checkPlatform(spec, false, { os: t.os, cpu: t.cpu, libc: t.libc ?? 'none' });
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'EBADPLATFORM') return false;
    throw e;
  }
}

function describe(p: PlatformConstraint): string {
  const parts = [
    p.os?.length ? `os ${p.os.join('|')}` : '',
    p.cpu?.length ? `cpu ${p.cpu.join('|')}` : '',
    p.libc?.length ? `libc ${p.libc.join('|')}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/**
 * Marks (notAnalyzed) the optional components npm would not install on any target, and the optional
 * components reachable only through them. Non-optional components are never skipped: npm would fail
 * the install rather than leave them out.
 */
export function skipForeignPlatforms(inv: Inventory, choice: PlatformChoice): PlatformReport {
  if (choice === 'all') return { targets: 'all', skipped: [] };
  const labels = choice.map(platformLabel);
  const skipped = new Map<string, string>();
  for (const c of inv.components) {
    const p = c.optional && !c.notAnalyzed ? c.platform : undefined;
    if (p && !installsOnAny(p, choice))
      skipped.set(c.purl, `optional dependency for ${describe(p)}; not installed on ${labels.join(', ')}`);
  }
  if (skipped.size > 0) {
    const out = new Map<string, string[]>();
    for (const e of inv.edges) (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
    const needed = reach(
      inv.roots.map((r) => r.id),
      out,
      skipped,
    );
    const byPurl = new Map(inv.components.map((c) => [c.purl, c]));
    for (const purl of [...skipped.keys()]) {
      for (const dep of reach([purl], out, new Map())) {
        const c = byPurl.get(dep);
        if (c && c.optional && !needed.has(dep) && !skipped.has(dep))
          skipped.set(dep, `only needed by ${purl}, which is skipped for this platform`);
      }
    }
  }
  for (const c of inv.components) {
    const reason = skipped.get(c.purl);
    if (reason) c.notAnalyzed = `platform: ${reason}`;
  }
  return { targets: labels, skipped: [...skipped].map(([purl, reason]) => ({ purl, reason })) };
}

function reach(start: string[], out: Map<string, string[]>, blocked: Map<string, string>): Set<string> {
  const seen = new Set<string>();
  const stack = start.filter((s) => !blocked.has(s));
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const m of out.get(n) ?? []) if (!seen.has(m) && !blocked.has(m)) stack.push(m);
  }
  return seen;
}
