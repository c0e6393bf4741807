/**
 * `vigil debian rank`: load one suite's Packages (one architecture) and Sources from the archive
 * (verified, cached, memoized as digests) and rank its source packages. Returns a ScanResult whose
 * `facts.debian.ranking` holds the top N with reasons.
 */
import { finalizeResult, newResult } from '../../core/result-builder.js';
import type { ScanResult } from '../../core/result.js';
import type { Store } from '../../store/types.js';
import { readAptSources } from '../../formats/debian/apt-sources.js';
import { DebArchiveClient } from '../../sources/debian/archive-client.js';
import { digestOf, selectSuites, suiteUnreadable, type SourceEntry } from '../../sources/debian/archive-data.js';
import { VigilError } from '../../core/errors.js';
import type { GpgvOptions } from '../../sources/debian/gpgv.js';
import { digestSources, readSourcesDigest } from '../../sources/debian/index-digest.js';
import { buildSuiteGraph, digestPackageGraph } from '../../sources/debian/suite-graph.js';
import { compareDebianVersions } from '../../formats/debian/version.js';
import { DEBIAN_ANALYZER } from './host-analysis.js';
import { rankSuite } from './rank.js';
import type { ProxySettings } from '../../sources/net/guarded-fetch.js';

export interface RankSuiteOptions extends GpgvOptions {
  store: Store;
  mirror?: string;
  suite?: string;
  components?: string[];
  arch?: string;
  top?: number;
  offline?: boolean;
  maxAgeSeconds?: number;
  aptRoot?: string;
  fetch?: typeof globalThis.fetch;
  /** Hosts redirects may go to besides the one asked (--allow-host). */
  allowHosts?: readonly string[];
  /** The run's network deadline (--timeout), epoch ms. */
  deadlineAt?: number;
  /** The proxy of the user's npm configuration. */
  proxy?: ProxySettings;
}

export async function rankDebianSuite(opts: RankSuiteOptions): Promise<ScanResult> {
  const apt = readAptSources(opts.aptRoot ?? '/');
  const [ref] = selectSuites(apt.sources, {
    mirror: opts.mirror,
    suites: opts.suite ? [opts.suite] : undefined,
    components: opts.components,
  });
  const result = newResult('debian rank', ref ? `${ref.uri} ${ref.suite}` : '(no archive)');
  result.offline = opts.offline === true;
  result.problems.push(...apt.problems);
  if (!ref)
    throw new VigilError('E_CONFIG', 'no Debian archive configured: no `deb` line in the apt sources and no --mirror given', {
      hint: 'pass --mirror URL --suite SUITE',
    });
  const arch = opts.arch ?? 'amd64';
  const t0 = Date.now();
  const client = new DebArchiveClient({
    store: opts.store,
    fetch: opts.fetch,
    allowHosts: opts.allowHosts,
    deadlineAt: opts.deadlineAt,
    proxy: opts.proxy,
    offline: opts.offline,
    maxAgeSeconds: opts.maxAgeSeconds,
    keyring: opts.keyring,
    gpgv: opts.gpgv,
  });
  const rel = await client.release(ref.uri, ref.suite, ref.signedBy);
  if (!rel) throw suiteUnreadable(client, ref);
  const graphDigests: string[] = [];
  const sources = new Map<string, SourceEntry>();
  const indexes: Record<string, string> = {};
  {
    for (const comp of ref.components.length ? ref.components : ['main']) {
      const g = await digestOf(client, opts.store, rel, `${comp}/binary-${arch}/Packages`, 'graph2', digestPackageGraph, indexes);
      if (g) graphDigests.push(g);
      const s = await digestOf(client, opts.store, rel, `${comp}/source/Sources`, 'sources', digestSources, indexes);
      for (const { name, info } of readSourcesDigest(s ?? '')) {
        const cur = sources.get(name);
        if (!cur || compareDebianVersions(info.version, cur.version) > 0) sources.set(name, { ...info, suite: ref.suite, uri: ref.uri });
      }
    }
  }
  if (graphDigests.length === 0) {
    const p = client.problems[0];
    throw new VigilError(
      'E_INPUT_NOT_FOUND',
      `no ${arch} Packages index of ${ref.suite} could be read from ${ref.uri}${p ? `: ${p.message}` : ''}`,
      { hint: 'check --arch and --component' },
    );
  }
  const loadMs = Date.now() - t0;
  result.problems.push(...client.problems);
  result.unavailable.push(...client.unavailable);
  result.unavailable.push({
    subject: `${ref.uri} ${ref.suite}`,
    field: 'upload-history',
    reason: 'debian/changelog upload history is not read yet: fragility uses Maintainer/Uploaders/Vcs only',
  });
  const t1 = Date.now();
  const graph = buildSuiteGraph(graphDigests.join('\n'));
  const ranking = rankSuite(graph, sources, opts.top ?? 50);
  result.facts[DEBIAN_ANALYZER.id] = {
    ranking,
    suite: { uri: ref.uri, suite: ref.suite, arch, components: ref.components, signature: rel?.signature.state, indexes },
    stats: {
      binaryPackages: graph.names.length,
      sourcePackages: sources.size,
      edges: graph.fwdTo.length,
      loadMs,
      rankMs: Date.now() - t1,
      ...client.stats,
    },
  };
  return finalizeResult(result);
}

/** Plain-text table of a ranking, one line of reasons each. */
export function formatRanking(result: ScanResult): string {
  const f = result.facts[DEBIAN_ANALYZER.id] as
    { ranking?: import('./rank.js').RankedSource[]; suite?: { uri: string; suite: string; arch: string } } | undefined;
  const lines = [
    `Critical and fragile source packages of ${f?.suite?.suite ?? '?'} (${f?.suite?.arch ?? ''}), criticality × fragility:`,
    '',
  ];
  for (const r of f?.ranking ?? []) {
    lines.push(
      `${String(r.rank).padStart(3)}. ${r.source.padEnd(28)} ${r.score.toFixed(2).padStart(6)}  (crit ${r.criticality.toFixed(1)} × frag ${r.fragility.toFixed(2)})`,
    );
    lines.push(`      ${r.reasons.join('; ')}`);
  }
  for (const p of result.problems) lines.push(`! ${p.message}`);
  for (const u of result.unavailable) lines.push(`- unavailable: ${u.field} (${u.subject}): ${u.reason}`);
  return lines.join('\n') + '\n';
}
