/**
 * The typed view-model the HTML report (web/) is drawn from, built from one ScanResult.
 * It is serialised into the report as JSON, so it is compact: components and findings are arrays
 * referenced by index, edges are index pairs.
 *
 * Its types are in view-types.ts (re-exported here). Command-specific facts are read tolerantly from `result.facts` (absent or malformed → the section
 * is simply not shown). The shapes read are:
 *
 * - `facts.scoring[purl]` = `{ criticality: number, fragility: number, suspicion: number,
 *     factors?: (string | { name|id|factor, value?, weight?, reason|detail|explanation? })[] }`
 *   Scores may also be `{ score|value: number }`. Any scale; the chart scales to the data.
 * - `facts.history[repo]` (the history analyzer's HistoryFacts) = `{ people|contributors: [{ name,
 *     email?|emails?, commits?|commitsAuthored?, first?|firstActivity?, last?|lastActivity?,
 *     months|activity: { 'YYYY-MM': n } | [{ month, commits|count }],
 *     firstAuthored?|firstCommitted?: { commit, date }, firstTag?|firstSignedTag?: { tag, date, key? },
 *     tags?: [{ name, date, signed, key? }], flags?: ruleId[] }],
 *     tags?: [{ name|tag, date, tagger?, signingKey|key|signer? }] (else taken from people[].tags),
 *     flagged|flaggedCommits?: [{ commit|hash, date, author?, title|reason|rule?, severity? }]
 *       (else derived from unsuppressed findings on `repo` or `repo@commit` with dated commit evidence),
 *     truckFactor?: number | { value } }`
 * - `facts.funding.plan` (or `facts.funding` itself) = `{ budget?, currency?, period?,
 *     shares|allocations|recipients: [flat objects: recipient/name, amount, channel, reason...],
 *     unfunded|noChannel?: string[] }`
 * - `facts.debian.privilegedPaths` (or any `facts.debian[key].privilegedPaths`) =
 *     `[{ service, exposure?, why?, libraries: [{ name, path: string[] }] }]` (the Debian analyzer's
 *     shape) or `[{ root|service|from?, path: string[], reason?|why? }]` or bare `string[][]`;
 *     `facts.debian.criticalLoad` = `[{ person, email, sources: string[] }]`.
 * - `facts.affected` = `{ advisory?: { id, summary, malicious }, rows|table: [flat objects] }` (the
 *     advisories analyzer's AffectedTable; its known columns are picked) or `facts.affected[key]`
 *     arrays/objects, rendered as a table.
 * - `facts.discussion.campaigns` = `[{ id, severity, start, end, members: string[], endorsed: string[],
 *     features: [{ name, points, detail }], timeline: [{ date, identity, kind, subject, excerpt }] }]`
 *     (the discussion analyzer's Campaign).
 */
import type { ScanResult } from '../core/result.js';
import type { RuleInfo } from '../core/rule.js';
import { readAffected, readCampaigns, readDebianLoad, readDebianPaths, readFunding, readHistory, readScores } from './html/read-facts.js';
import { severityRank } from '../core/result-builder.js';
import type { ComponentView, FindingView, ReportViewModel, RuleView, ViewModelOptions } from './view-types.js';

export type * from './view-types.js';

const loc = (l: { file: string; line?: number }): string => (l.line ? `${l.file}:${l.line}` : l.file);

export function buildViewModel(result: ScanResult, opts: ViewModelOptions = {}): ReportViewModel {
  const inv = result.inventory;
  const index = new Map<string, number>();
  const components: ComponentView[] = inv.components.map((c, i) => {
    index.set(c.purl, i);
    const v: ComponentView = { purl: c.purl, name: c.name, version: c.version, eco: c.ecosystem, loc: c.locations.map(loc), findings: [] };
    if (c.dev) v.dev = true;
    if (c.optional) v.optional = true;
    if (c.notAnalyzed) v.notAnalyzed = c.notAnalyzed;
    return v;
  });

  const scores = readScores(result.facts['scoring']);
  for (const [purl, s] of scores) {
    const i = index.get(purl);
    if (i !== undefined) components[i]!.scores = s;
  }

  const newSet = new Set(result.changes?.newFindings ?? []);
  const findings: FindingView[] = result.findings.map((f, fi) => {
    const v: FindingView = {
      rule: f.rule,
      severity: f.severity,
      confidence: f.confidence,
      subject: f.subject,
      title: f.title,
      explanation: f.explanation,
      evidence: f.evidence,
      analyzer: `${f.analyzer.id}@${f.analyzer.version}`,
    };
    if (f.remediation) v.remediation = f.remediation;
    if (f.fingerprint) v.fingerprint = f.fingerprint;
    if (f.suppressed) v.suppressed = f.suppressed;
    if ((f.fingerprint && newSet.has(f.fingerprint)) || newSet.has(f.subject)) v.isNew = true;
    const ci = index.get(f.subject);
    if (ci !== undefined) {
      v.component = ci;
      const c = components[ci]!;
      c.findings.push(fi);
      if (!f.suppressed && (!c.maxSeverity || severityRank(f.severity) > severityRank(c.maxSeverity))) c.maxSeverity = f.severity;
    }
    return v;
  });

  const affected = readAffected(result.facts['affected']);
  const n = components.length;
  const nodeId = (id: string): number | undefined => {
    const ci = index.get(id);
    if (ci !== undefined) return ci;
    const ri = inv.roots.findIndex((r) => r.id === id);
    return ri >= 0 ? n + ri : undefined;
  };
  const edges: [number, number, 0 | 1][] = [];
  for (const e of inv.edges) {
    const a = nodeId(e.from);
    const b = nodeId(e.to);
    if (a !== undefined && b !== undefined) edges.push([a, b, e.kind === 'dev' ? 1 : 0]);
  }

  return {
    meta: {
      tool: result.tool.name,
      version: result.tool.version,
      command: result.command,
      target: result.target.path,
      startedAt: result.startedAt,
      finishedAt: result.finishedAt,
      offline: result.offline,
      schemaVersion: result.schemaVersion,
    },
    summary: { ...result.summary, problems: result.problems.length + inv.problems.length },
    ...(result.changes ? { changes: result.changes } : {}),
    rules: ruleViews(result, opts.rules ?? []),
    components,
    findings,
    roots: inv.roots.map((r) => ({ id: r.id, name: r.name, path: r.path })),
    edges,
    topRisks: topRisks(components, findings),
    history: readHistory(result.facts['history'], result.findings),
    ...optional('funding', readFunding(result.facts['funding'])),
    privilegedPaths: readDebianPaths(result.facts['debian']),
    privilegedLoad: readDebianLoad(result.facts['debian']),
    affected: affected.rows,
    ...optional('affectedAdvisory', affected.advisory),
    campaigns: readCampaigns(result.facts['discussion']),
    problems: [...inv.problems, ...result.problems],
    unavailable: result.unavailable,
    skipped: result.skipped,
    suppressions: result.suppressions,
  };
}

function optional<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

function ruleViews(result: ScanResult, catalogue: RuleInfo[]): RuleView[] {
  const used = new Set(result.findings.map((f) => f.rule));
  const out: RuleView[] = [];
  for (const r of catalogue) {
    if (!used.delete(r.id)) continue;
    out.push({ id: r.id, title: r.title, severity: r.severity, meaning: r.meaning, why: r.why, example: r.example, suppress: r.suppress });
  }
  for (const id of [...used].sort()) out.push({ id, title: id });
  return out;
}

/** Components ranked by worst unsuppressed finding, then suspicion, then criticality × fragility. */
export function topRisks(components: ComponentView[], findings: FindingView[], limit = 10): number[] {
  const score = (c: ComponentView): number[] => {
    const live = c.findings.filter((i) => !findings[i]!.suppressed).length;
    return [
      c.maxSeverity ? severityRank(c.maxSeverity) + 1 : 0,
      c.scores?.suspicion ?? 0,
      (c.scores?.criticality ?? 0) * (c.scores?.fragility ?? 0),
      live,
    ];
  };
  const ranked = components
    .map((c, i) => ({ i, k: score(c) }))
    .filter((x) => x.k[0]! > 0 || x.k[1]! > 0)
    .sort((a, b) => {
      for (let j = 0; j < a.k.length; j++) if (a.k[j] !== b.k[j]) return b.k[j]! - a.k[j]!;
      return a.i - b.i;
    });
  return ranked.slice(0, limit).map((x) => x.i);
}
