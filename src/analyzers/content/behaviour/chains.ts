/**
 * Chains: entry → (imports) → source → transforms → sink, with the severity the chain earns.
 * Severity follows what the chain does and when it runs, never a literal string:
 *   install-time secret → network            critical (proven or dedicated install code), else medium
 *   install-time identity → network/DNS       high (a beacon), runtime low
 *   downloaded / decoded data executed        critical at install, high at runtime
 *   download → write → chmod/exec             high at install (low when a checksum is verified)
 *   persistence writes                        high (authorized_keys, rc files, workflows, .npmrc at install)
 *   shell wired to a socket                   critical
 *   gated destruction, import-time endless loop, hooked fetch/XHR/ethereum that swaps addresses: high
 *   runtime secret → network                  high when proven and harvesting (several secrets, stores
 *                                             of other programs), medium otherwise
 */
import { posix } from 'node:path';
import { resolveInPackage } from '../install-scripts.js';
import { credentialNamesHost, EXAMPLE_HOST, NETWORK_SINKS, SECRET_SOURCES } from './catalog.js';
import type { BSink, BSite, BSource, Chain, ChainHop, ChainKind, EntryPoint, FileBehaviour, SourceKind } from './types.js';

/** Install code that reaches at most this many files is dedicated install code. */
const DEDICATED = 12;
const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;
type Sev = Chain['severity'];
/**
 * Stores that hold other programs' secrets: sending them anywhere is theft. A tool's own
 * credential file (.npmrc read by a registry CLI, a key read by an SSH client) is not on this list.
 */
const FOREIGN_STORES: ReadonlySet<SourceKind> = new Set<SourceKind>(['browser-store', 'wallet', 'keychain', 'cloud-metadata']);
/** Test code: files under a test directory or named *.test.* / *.spec.*. */
const TEST_FILE = /(^|\/)(tests?|__tests__|specs?|fixtures?|__fixtures__)\/|\.(test|spec)\.[cm]?[jt]sx?$/i;

interface Ctx {
  files: Record<string, FileBehaviour>;
  has: (p: string) => boolean;
  importsOf: (file: string) => { spec: string; line: number }[];
}

/** Import path from an entry's files to `target` (BFS over relative imports), as hops. */
function importHops(ctx: Ctx, from: string[], target: string): ChainHop[] {
  const prev = new Map<string, { from: string; line: number; spec: string }>();
  const queue = from.filter((f) => ctx.files[f] || ctx.has(f));
  const seen = new Set(queue);
  while (queue.length) {
    const f = queue.shift()!;
    if (f === target) break;
    for (const im of ctx.importsOf(f)) {
      const r = resolveInPackage(posix.dirname(f), im.spec, ctx.has);
      if (r && !seen.has(r)) {
        seen.add(r);
        prev.set(r, { from: f, line: im.line, spec: im.spec });
        queue.push(r);
      }
    }
  }
  const hops: ChainHop[] = [];
  for (let cur = target, p = prev.get(cur); p; cur = p.from, p = prev.get(cur))
    hops.unshift({ role: 'import', kind: 'require', file: p.from, line: p.line, excerpt: `require('${p.spec}')`, detail: cur });
  return hops.slice(0, 6);
}

/**
 * A condition and the harm it guards count together only near each other: within NEAR_BYTES when
 * both sites have offsets (a bundle joins unrelated modules in one file: yarn's CLI bundle has a
 * country check in its help text code and unlinkSync 150 lines further on), anywhere in the file
 * otherwise.
 */
const NEAR_BYTES = 4096;
function nearPair<A extends BSite, B extends BSite>(as: A[], bs: B[]): [A, B] | [] {
  for (const a of as)
    for (const b of bs) if (a.offset === undefined || b.offset === undefined || Math.abs(a.offset - b.offset) <= NEAR_BYTES) return [a, b];
  return [];
}

const hop = (
  role: ChainHop['role'],
  s: BSource | BSink | { kind: string; file: string; line: number; excerpt: string; detail?: string },
): ChainHop => ({ role, kind: s.kind, file: s.file, line: s.line, excerpt: s.excerpt, ...(s.detail ? { detail: s.detail } : {}) });

/** A write under `node_modules/<own name>` is the package updating its own installed copy, not another package. */
function writesItself(detail: string | undefined, self: string | undefined): boolean {
  const m = /node_modules[\\/]((?:@[^\\/*]+[\\/])?[^\\/*)]+)/.exec(detail ?? '');
  return !!self && !!m && m[1]!.replace(/\\/g, '/') === self;
}

const sharesTarget = (a: BSink, b: BSink): boolean => !!a.target && !!b.target && a.target.some((k) => b.target!.includes(k));

export function buildChains(
  entries: EntryPoint[],
  files: Record<string, FileBehaviour>,
  has: (p: string) => boolean,
  importsOf: (file: string) => { spec: string; line: number }[],
  /** The package's own name (package.json `name`). */
  self?: string,
  /**
   * Whether the function named `caller` can run while the files of `reach` load (load-reach.ts);
   * without it every persistence write counts as running.
   */
  runsAtLoad?: (caller: string, file: string, reach: readonly string[]) => boolean,
): Chain[] {
  const ctx: Ctx = { files, has, importsOf };
  const chains: Chain[] = [];
  const install = entries.filter((e) => e.kind === 'install');
  const installFiles = new Set(install.flatMap((e) => e.reach));
  const runtimeEntries = entries.filter((e) => e.kind !== 'install');
  const installReach = [...installFiles];
  /**
   * Why a persistence write does not count as running unattended ('' when it does): at install,
   * its function is not called while the hook's code loads; at run time, it is not called while
   * the package is imported (main, exports, browser), only when a command of its own runs (bin)
   * or when some caller invokes it.
   */
  const notRun = (s: BSink, file: string, atInstall: boolean, dedicated: boolean): string => {
    if (!runsAtLoad) return '';
    if (atInstall) {
      // Dedicated install code is all there to run: a write in it counts as running.
      if (dedicated || !s.caller || runsAtLoad(s.caller, file, installReach)) return '';
      return ` — only in ${s.caller}(), which nothing run at install calls`;
    }
    const reaching = runtimeEntries.filter((e) => e.reach.includes(file));
    if (reaching.length === 0) return '';
    const union = (es: EntryPoint[]): string[] => [...new Set(es.flatMap((e) => e.reach))];
    const imported = reaching.filter((e) => e.kind !== 'bin');
    if (imported.length && (!s.caller || runsAtLoad(s.caller, file, union(imported)))) return '';
    const bins = reaching.filter((e) => e.kind === 'bin');
    if (bins.length && (!s.caller || runsAtLoad(s.caller, file, union(bins))))
      return ` — when its command runs (${bins.map((e) => e.field).join(', ')}), not when the package is imported`;
    return ` — only in ${s.caller}(), which nothing run when the package loads calls`;
  };
  const entryFor = (file: string, phase: 'install' | 'runtime'): EntryPoint | undefined =>
    (phase === 'install' ? install : runtimeEntries).find((e) => e.reach.includes(file));
  const entryHops = (file: string, phase: 'install' | 'runtime'): ChainHop[] => {
    const e = entryFor(file, phase);
    if (!e)
      return [
        {
          role: 'entry',
          kind: 'unreferenced',
          file,
          line: 0,
          excerpt: 'not reached from main/bin/exports/browser (loaded by path or by other code)',
        },
      ];
    return [
      {
        role: 'entry',
        kind: e.kind,
        file: 'package.json',
        line: 0,
        excerpt: `${e.field}: ${e.value}`,
        detail: e.implicit ? 'npm runs this without a scripts entry' : e.field,
      },
      ...importHops(ctx, e.files, file),
    ];
  };
  const push = (
    kind: ChainKind,
    phase: 'install' | 'runtime',
    proven: boolean,
    severity: Sev,
    summary: string,
    file: string,
    hops: ChainHop[],
  ): void => {
    chains.push({ kind, phase, proven, severity, summary, hops: [...entryHops(file, phase), ...hops] });
  };

  for (const phase of ['install', 'runtime'] as const) {
    const scope = Object.keys(files)
      .filter((f) => (phase === 'install') === installFiles.has(f))
      .sort();
    if (scope.length === 0) continue;
    const atInstall = phase === 'install';
    const dedicated = atInstall && install.some((e) => e.reach.length <= DEDICATED && e.reach.some((f) => scope.includes(f)));
    let provenSecret = false;
    let provenIdentity = false;

    for (const file of scope) {
      const b = files[file]!;
      // Proven flows.
      for (const fl of b.flows) {
        const sink = b.sinks[fl.sink]!;
        const srcs = fl.sources.map((i) => b.sources[i]!).filter(Boolean);
        const tr = fl.transforms.map((i) => hop('transform', b.transforms[i]!));
        const secret = srcs.filter((s) => SECRET_SOURCES.has(s.kind) || (s.kind === 'ssh-dir' && atInstall));
        const netSink = NETWORK_SINKS.has(sink.kind);
        if (secret.length && netSink) {
          provenSecret = true;
          const names = new Set(secret.map((s) => s.detail));
          if (sink.destination === 'configured' && !secret.some((s) => FOREIGN_STORES.has(s.kind) || s.kind === 'env-all')) {
            // The address comes from the environment: the credential goes where its owner said (an
            // OIDC token to the CI's token service, a registry token to the configured registry).
            push(
              'secret-exfiltration',
              phase,
              true,
              'low',
              `${[...names].slice(0, 3).join(', ')} sent to the address configured in the environment`,
              file,
              [...secret.slice(0, 3).map((s) => hop('source', s)), ...tr.slice(0, 3), hop('sink', sink)],
            );
            continue;
          }
          const harvest =
            names.size >= 2 ||
            secret.some((s) => FOREIGN_STORES.has(s.kind) || s.kind === 'env-all') ||
            b.sinks.some((s) => s.kind === 'hook-global');
          // Sent to an address written into the package, on a host that is neither a well-known
          // public service nor the service the credential is named after: someone else's server.
          const elsewhere = (sink.hosts ?? []).some(
            (h) =>
              !EXAMPLE_HOST.test(h) &&
              !secret.some((s) => s.kind === 'env-secret' && credentialNamesHost((s.detail ?? '').replace(/^process\.env\./, ''), h)),
          );
          // One credential, at run time, sent only to the service it is named after (GITHUB_TOKEN to
          // api.github.com): the tool using its own service — reported low so the use stays visible.
          const ownService =
            !atInstall &&
            !harvest &&
            !!sink.hosts?.length &&
            secret.every((s) => s.kind === 'env-secret') &&
            sink.hosts.every((h) => secret.every((s) => credentialNamesHost((s.detail ?? '').replace(/^process\.env\./, ''), h)));
          const sev: Sev = atInstall ? 'critical' : harvest || elsewhere ? 'high' : ownService ? 'low' : 'medium';
          push(
            'secret-exfiltration',
            phase,
            true,
            sev,
            `${[...names].slice(0, 3).join(', ')} sent over ${sink.kind}${atInstall ? ' at install' : ''}${ownService ? ` to the service it is named after (${sink.hosts!.join(', ')})` : ''}`,
            file,
            [...secret.slice(0, 3).map((s) => hop('source', s)), ...tr.slice(0, 3), hop('sink', sink)],
          );
          continue;
        }
        const ident = srcs.filter((s) => s.kind === 'identity');
        if (ident.length && netSink) {
          provenIdentity = true;
          push(
            'identity-beacon',
            phase,
            true,
            atInstall ? 'high' : 'low',
            `machine identity (${[...new Set(ident.map((s) => s.detail))].slice(0, 3).join(', ')}) sent over ${sink.kind}${atInstall ? ' at install' : ''}`,
            file,
            [...ident.slice(0, 3).map((s) => hop('source', s)), ...tr.slice(0, 3), hop('sink', sink)],
          );
          continue;
        }
        const remote = srcs.filter((s) => s.kind === 'remote' || s.kind === 'decoded');
        if (remote.length && (sink.kind === 'eval' || sink.kind === 'exec')) {
          const decoded = remote.every((s) => s.kind === 'decoded');
          push(
            decoded ? 'decoded-exec' : 'remote-code',
            phase,
            true,
            atInstall ? 'critical' : 'high',
            `${decoded ? 'decoded data' : 'data from the network'} is executed (${sink.detail ?? sink.kind})`,
            file,
            [hop('source', remote[0]!), ...tr.slice(0, 3), hop('sink', sink)],
          );
          continue;
        }
        if (remote.some((s) => s.kind === 'remote') && sink.kind === 'write-file') {
          // Download → write → chmod/exec of the same file (the write's path and the chmod's path /
          // the command share a name or literal). Running it is the payload; making it executable
          // without running it is how prebuilt-binary installers ship their own tool.
          const linked = b.sinks.filter((s) => (s.kind === 'chmod' || s.kind === 'exec') && sharesTarget(s, sink));
          const run = linked.find((s) => s.kind === 'exec') ?? linked[0];
          if (run) {
            const checked = b.signals.some((s) => s.kind === 'checksum');
            const runs = run.kind === 'exec';
            const sev: Sev = checked ? 'low' : runs ? (atInstall ? 'high' : 'medium') : atInstall ? 'medium' : 'low';
            push(
              'remote-code',
              phase,
              true,
              sev,
              `downloads a file, writes it and ${runs ? 'runs it' : 'makes it executable'}${checked ? ' (after checking its hash)' : ''}`,
              file,
              [hop('source', remote[0]!), hop('sink', sink), ...linked.slice(0, 2).map((s) => hop('sink', s))],
            );
          }
        }
      }
      // Sinks that are findings by themselves. Test code nothing loads (no entry point reaches it) writes
      // its fixtures where the test puts them: listed low, not medium.
      const idleTest = !atInstall && TEST_FILE.test(file) && !entryFor(file, phase);
      const runtimeSev: Sev = idleTest ? 'low' : 'medium';
      for (const s of b.sinks) {
        if (s.kind !== 'write-persistence' && s.kind !== 'write-npmrc' && (s.kind !== 'write-package' || writesItself(s.detail, self)))
          continue;
        const only = notRun(s, file, atInstall, dedicated);
        const runs = only === '';
        const sev: Sev = s.kind === 'write-persistence' ? (runs ? 'high' : 'medium') : atInstall ? (runs ? 'high' : 'medium') : runtimeSev;
        const what =
          s.kind === 'write-persistence'
            ? `writes to ${s.detail ?? 'a persistence location'}`
            : s.kind === 'write-npmrc'
              ? `writes npm/yarn configuration (${s.detail ?? '.npmrc'})${atInstall ? ' at install' : ''}`
              : `modifies the files of ${/application/.test(s.detail ?? '') ? 'another installed application' : 'another installed package'}`;
        push('persistence', phase, true, sev, `${what}${only}`, file, [hop('sink', s)]);
      }
      for (const sig of b.signals) {
        if (sig.kind === 'reverse-shell')
          push('reverse-shell', phase, true, 'critical', sig.detail ?? 'reverse shell', file, [hop('signal', sig)]);
        if (sig.kind === 'import-time-loop' && runtimeEntries.some((e) => e.reach.includes(file)))
          push('sabotage', phase, true, 'high', 'loops forever when the module is loaded', file, [hop('signal', sig)]);
      }
      const [trigger, wipe] = nearPair(
        b.signals.filter((s) => s.kind === 'remote-trigger'),
        b.sinks.filter((s) => s.kind === 'destroy'),
      );
      if (trigger && wipe)
        push('sabotage', phase, false, 'high', 'deletes files when a request carries a fixed value (a remote kill switch)', file, [
          hop('signal', trigger),
          hop('sink', wipe),
        ]);
      const [gate, harm] = nearPair(
        b.signals.filter((s) => s.kind === 'geo-gate'),
        b.sinks.filter((s) => s.kind === 'destroy' || s.kind === 'write-file'),
      );
      if (gate && harm)
        push('sabotage', phase, false, 'high', `writes or deletes files depending on the machine's country or time zone`, file, [
          hop('signal', gate),
          hop('sink', harm),
        ]);
      const hook = b.sinks.find((s) => s.kind === 'hook-global');
      if (hook) {
        const swap = b.signals.find((s) => s.kind === 'address-pattern');
        const eth = b.sources.find((s) => s.kind === 'ethereum');
        const leak = b.flows.find((f) => b.sinks[f.sink]?.kind === 'hook-global' || NETWORK_SINKS.has(b.sinks[f.sink]!.kind));
        const sev: Sev = swap || (eth && leak) ? 'high' : eth ? 'medium' : 'low';
        push(
          'browser-hijack',
          phase,
          !!(swap || leak),
          sev,
          `replaces ${hook.detail ?? 'a global network API'}${swap ? ' and matches wallet addresses' : eth ? ' and reads window.ethereum' : ''}`,
          file,
          [hop('sink', hook), ...(swap ? [hop('signal', swap)] : []), ...(eth ? [hop('source', eth)] : [])],
        );
      }
      const clip = b.sources.find((s) => s.kind === 'clipboard');
      const swap = b.signals.find((s) => s.kind === 'address-pattern');
      if (clip && swap && !hook)
        push(
          'browser-hijack',
          phase,
          false,
          'high',
          'reads the clipboard and matches wallet addresses (clipboard address swapping)',
          file,
          [hop('source', clip), hop('signal', swap)],
        );
    }

    // Reached together but not proven in one file: dedicated install code only.
    const all = scope.map((f) => files[f]!);
    const sources = all.flatMap((b) => b.sources);
    const sinks = all.flatMap((b) => b.sinks);
    const net = sinks.filter((s) => NETWORK_SINKS.has(s.kind));
    const hosts = [...new Set(all.flatMap((b) => b.hosts))];
    if (atInstall && !provenSecret && net.length) {
      // A .env file counts only when its data is traced to the request (installers read .env for settings).
      const secret = sources.filter((s) => (SECRET_SOURCES.has(s.kind) && s.kind !== 'dotenv') || s.kind === 'ssh-dir');
      if (secret.length) {
        const file = secret[0]!.file;
        push(
          'secret-exfiltration',
          phase,
          false,
          dedicated ? 'critical' : 'medium',
          `install code reads ${[...new Set(secret.map((s) => s.detail))].slice(0, 3).join(', ')} and reaches the network${hosts.length ? ` (${hosts.slice(0, 2).join(', ')})` : ''}`,
          file,
          [...secret.slice(0, 3).map((s) => hop('source', s)), hop('sink', net[0]!)],
        );
      }
    }
    if (atInstall && !provenIdentity && !provenSecret && net.length) {
      const ident = sources.filter((s) => s.kind === 'identity');
      if (ident.length && (hosts.length || net.some((s) => s.kind === 'dns' || s.kind === 'shell-net'))) {
        push(
          'identity-beacon',
          phase,
          false,
          dedicated ? 'high' : 'medium',
          `install code reads the machine identity and reaches ${hosts.slice(0, 2).join(', ') || 'the network'}`,
          ident[0]!.file,
          [...ident.slice(0, 2).map((s) => hop('source', s)), hop('sink', net[0]!)],
        );
      }
    }
    if (!atInstall && !provenSecret && net.length) {
      // Runtime co-occurrence: only stores that hold other programs' secrets, in the same file as the network.
      // The whole environment is not one of them: CLIs pass process.env to the programs they spawn and
      // read it for settings, so it counts only when its data is traced to the request (a proven flow).
      for (const file of scope) {
        const b = files[file]!;
        const st = b.sources.filter((s) => s.kind === 'browser-store' || s.kind === 'wallet' || s.kind === 'keychain');
        const n = b.sinks.find((s) => NETWORK_SINKS.has(s.kind));
        if (st.length && n)
          push(
            'secret-exfiltration',
            phase,
            false,
            new Set(st.map((s) => s.detail)).size >= 2 ? 'high' : 'medium',
            `reads ${[...new Set(st.map((s) => s.detail))].slice(0, 3).join(', ')} and uses the network`,
            file,
            [...st.slice(0, 3).map((s) => hop('source', s)), hop('sink', n)],
          );
      }
    }
  }
  // One chain per kind, phase and file is enough; strongest first.
  const seen = new Set<string>();
  return chains
    .sort((a, c) => RANK[c.severity] - RANK[a.severity] || Number(c.proven) - Number(a.proven))
    .filter((c) => {
      const k = `${c.kind}|${c.phase}|${c.hops.find((h) => h.role === 'sink' || h.role === 'signal')?.file ?? ''}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .slice(0, 40);
}
