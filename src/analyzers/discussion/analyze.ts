/**
 * The discussion analysis: messages (already threaded) → findings and facts. Pure: no I/O.
 * Findings are few by design; the facts carry identities, threads and campaign timelines.
 */
import type { Finding, Severity } from '../../core/types.js';
import type { DiscussionMessage } from '../../sources/discussions/types.js';
import type { RepoContributors } from '../../sources/discussions/repo-contributors.js';
import { summarizeThread } from '../../sources/discussions/threading.js';
import { candidates, endorsedIdentities, findCampaigns, type Campaign } from './campaign.js';
import { buildContext, DAY, label, type AnalysisContext, type Item } from './context.js';
import { day, messageEvidence } from './evidence.js';
import { findClimb } from './takeover.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

export const DISCUSSION_ANALYZER = { id: 'discussion', version: '1.0.0' } as const;

export interface DiscussionAnalysisOptions {
  /** What the findings are about: the archive path(s), or `repo@commit`. */
  subject: string;
  repo?: RepoContributors;
}

/** Archive counts, identities, threads and campaigns (with their timelines) of a mailing-list read. */
export type DiscussionFacts = Record<string, unknown> & { campaigns: Campaign[] };

export interface DiscussionAnalysis {
  findings: Finding[];
  facts: DiscussionFacts;
}

function finding(
  rule: string,
  severity: Severity,
  confidence: Finding['confidence'],
  subject: string,
  title: string,
  explanation: string,
  evidence: Finding['evidence'],
  remediation?: string,
): Finding {
  const f: Finding = { rule, severity, confidence, subject, title, evidence, explanation, analyzer: { ...DISCUSSION_ANALYZER } };
  if (remediation) f.remediation = remediation;
  return f;
}

const names = (ctx: AnalysisContext, ids: string[]): string =>
  ids.map((i) => ctx.identities.get(i)?.names[0] ?? label(ctx.identities.get(i))).join(', ');

export function analyzeDiscussionMessages(messages: DiscussionMessage[], opts: DiscussionAnalysisOptions): DiscussionAnalysis {
  const ctx = buildContext(messages, opts.repo);
  const findings: Finding[] = [];
  const covered = new Set<string>();
  const campaigns = findCampaigns(ctx);
  const reported = campaigns.filter((c) => c.severity !== 'low');

  for (const c of reported) {
    for (const m of c.members) covered.add(m);
    findings.push(campaignFinding(ctx, c, opts.subject));
    const climb = opts.repo ? findClimb(ctx, c) : undefined;
    if (climb) {
      const who = climb.contributor.names[0] ?? climb.contributor.email;
      const ev = campaignEvidence(ctx, c, 6);
      ev.push({
        kind: 'commit',
        label: `${who}: first authored commit`,
        commit: climb.contributor.firstAuthoredHash,
        date: climb.contributor.firstAuthored,
      });
      if (climb.firstRight.kind === 'commit')
        ev.push({
          kind: 'commit',
          label: `${who}: first commit pushed by ${who} themself (commit rights)`,
          commit: climb.firstRight.ref,
          date: climb.firstRight.date,
        });
      for (const t of climb.contributor.tags.filter((t) => Date.parse(t.date) >= Date.parse(c.start)).slice(0, 3)) {
        ev.push({ kind: 'metadata', label: `${who}: release tag created`, field: 'tag', value: t.name, date: t.date });
      }
      findings.push(
        finding(
          'discussion/pressure-before-takeover',
          'critical',
          c.severity === 'high' ? 'high' : 'medium',
          opts.subject,
          `Pressure by ${names(ctx, c.members)} (${day(c.start)} – ${day(c.end)}) followed by ${who} gaining ${climb.firstRight.kind === 'tag' ? 'release' : 'commit'} rights (${day(climb.firstRight.date)})`,
          `${c.members.length} new identities pressed the maintainer between ${day(c.start)} and ${day(c.end)} (campaign score ${c.score}). ` +
            `${who}${climb.endorsed ? ', named in the same discussions as the person who should take a bigger role,' : ', who took part in the same threads,'} ` +
            `first contributed on ${day(climb.contributor.firstAuthored)}, committed directly from ${day(climb.contributor.firstCommitted)}` +
            `${
              climb.contributor.tags.length
                ? ` and created release tags (${climb.contributor.tags
                    .slice(0, 4)
                    .map((t) => `${t.name} on ${day(t.date)}`)
                    .join(', ')})`
                : ''
            }. ` +
            'This is the xz-utils takeover sequence: pressure on a tired maintainer, then trust transferred to the favoured newcomer.',
          ev,
          `Review every release and commit by ${who} since ${day(climb.firstRight.date)}; reach out to the original maintainer through a channel you already trust.`,
        ),
      );
    }
  }

  // Single new identities that pressed the maintainer, outside a reported campaign.
  for (const cand of candidates(ctx)) {
    if (covered.has(cand.id)) continue;
    covered.add(cand.id);
    const strongCats = cand.cats.has('handover') || cand.cats.has('denigration');
    const sev: Severity = cand.items.length >= 2 && strongCats ? 'medium' : 'low';
    const ident = ctx.identities.get(cand.id);
    findings.push(
      finding(
        'discussion/new-identity-pressure',
        sev,
        'medium',
        opts.subject,
        `New identity ${label(ident)} pressed the maintainer (${cand.items.length} message(s), ${[...cand.cats].join(', ')})`,
        `${label(ident)} had no earlier messages in the archive (first message ${day(ident?.firstMessage)}; ${ident?.messages ?? 0} in all), ` +
          `${ident?.contributedCode === false ? 'never contributed code, ' : ident?.contributedCode === null ? 'code contributions unknown (no --repo), ' : ''}` +
          `and sent ${cand.items.length} message(s) with ${[...cand.cats].join('/')} demands aimed at the maintainer.`,
        cand.items.slice(0, 5).map((x) => messageEvidence(ctx, x, ['handover', 'abandonment', 'pace', 'denigration'])),
      ),
    );
  }

  // Demands from anyone else (established participants), grouped per identity.
  const demands = new Map<string, Item[]>();
  for (const x of ctx.items) {
    if (covered.has(x.identity) || ctx.maintainers.has(x.identity) || x.sig.pressure < 3) continue;
    if (
      !x.sig.hits.some((h) => (h.category === 'handover' || h.category === 'abandonment' || h.category === 'denigration') && h.weight >= 2)
    )
      continue;
    (demands.get(x.identity) ?? demands.set(x.identity, []).get(x.identity)!).push(x);
  }
  for (const [id, xs] of demands) {
    findings.push(
      finding(
        'discussion/maintainer-demand',
        'low',
        'medium',
        opts.subject,
        `${label(ctx.identities.get(id))} demanded a maintainer change or declared the project abandoned (${xs.length} message(s))`,
        `These messages demand a handover or blame the maintainer. The sender has ${ctx.identities.get(id)?.messages ?? 0} message(s) in the archive since ${day(ctx.identities.get(id)?.firstMessage)}, so this is not a new identity.`,
        xs.slice(0, 5).map((x) => messageEvidence(ctx, x, ['handover', 'abandonment', 'pace', 'denigration'])),
      ),
    );
  }

  findings.push(...endorsementFindings(ctx, reported, opts.subject));
  findings.push(...burnoutFindings(ctx, reported, opts.subject));
  return { findings, facts: buildFacts(ctx, campaigns) };
}

function campaignEvidence(ctx: AnalysisContext, c: Campaign, max: number): Finding['evidence'] {
  const byId = new Map(ctx.items.map((x) => [x.msg.id, x]));
  const picked: Finding['evidence'] = [];
  const firstOf = new Set<string>();
  // First the earliest demand of each member, then burn-out and endorsement, then the rest.
  const order = [
    ...c.timeline.filter((e) => e.kind === 'pressure' && !firstOf.has(e.identity) && firstOf.add(e.identity)),
    ...c.timeline.filter((e) => e.kind === 'burnout').slice(0, 2),
    ...c.timeline
      .filter((e) => e.kind === 'endorsement')
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 2),
    ...c.timeline.filter((e) => e.kind === 'pressure'),
  ];
  const seen = new Set<string>();
  for (const e of order) {
    const key = `${e.messageId}\0${e.kind}`;
    if (seen.has(key) || picked.length >= max) continue;
    seen.add(key);
    const x = byId.get(e.messageId);
    if (x)
      picked.push(messageEvidence(ctx, x, e.kind === 'pressure' ? ['handover', 'abandonment', 'pace', 'denigration'] : [e.kind], e.kind));
  }
  return picked;
}

function campaignFinding(ctx: AnalysisContext, c: Campaign, subject: string): Finding {
  return finding(
    'discussion/pressure-campaign',
    c.severity,
    c.score >= 100 ? 'high' : 'medium',
    subject,
    `Pressure campaign: ${c.members.length} new identities (${names(ctx, c.members)}) pressed the maintainer between ${day(c.start)} and ${day(c.end)}`,
    `Score ${c.score} (high ≥ 80, medium ≥ 60): ` + c.features.map((f) => `${f.detail} (+${f.points})`).join('; ') + '.',
    campaignEvidence(ctx, c, 12),
    "Support the maintainer directly (funding, co-reviewers they choose); do not grant rights to anyone because of pressure; keep watching the project's releases.",
  );
}

function inCampaign(c: Campaign[], x: Item): boolean {
  return c.some(
    (k) =>
      k.threads.includes(x.msg.threadKey ?? x.msg.id) || (x.t >= Date.parse(k.start) - 90 * DAY && x.t <= Date.parse(k.end) + 180 * DAY),
  );
}

function endorsementFindings(ctx: AnalysisContext, campaigns: Campaign[], subject: string): Finding[] {
  const perPerson = new Map<string, Item[]>();
  for (const x of ctx.items) {
    if (!x.sig.categories.has('endorsement')) continue;
    for (const id of endorsedIdentities(ctx, [x])) {
      const first = ctx.identities.get(id)?.firstMessage;
      // Only recent arrivals: first message within three years before the endorsement.
      if (!first || x.t - Date.parse(first) > 3 * 365 * DAY) continue;
      (perPerson.get(id) ?? perPerson.set(id, []).get(id)!).push(x);
    }
  }
  const out: Finding[] = [];
  for (const [id, xs] of perPerson) {
    const hot = xs.some((x) => inCampaign(campaigns, x));
    const ident = ctx.identities.get(id);
    out.push(
      finding(
        'discussion/newcomer-endorsement',
        hot ? 'medium' : 'low',
        'medium',
        subject,
        `Bigger role urged for recent participant ${label(ident)} (${xs.length} message(s))${hot ? ' during a pressure campaign' : ''}`,
        `${label(ident)} first wrote on ${day(ident?.firstMessage)}; ${xs.length} message(s) by ${names(ctx, [...new Set(xs.map((x) => x.identity))])} ` +
          `urge or announce a bigger role, commit access or co-maintainership for them.`,
        xs.slice(0, 5).map((x) => messageEvidence(ctx, x, ['endorsement'], 'endorsement')),
      ),
    );
  }
  return out;
}

function burnoutFindings(ctx: AnalysisContext, campaigns: Campaign[], subject: string): Finding[] {
  const pressedThreads = new Set(
    ctx.items.filter((x) => x.sig.pressure >= 2 && !ctx.maintainers.has(x.identity)).map((x) => x.msg.threadKey ?? x.msg.id),
  );
  const out: Finding[] = [];
  for (const id of ctx.maintainers) {
    const xs = (ctx.byIdentity.get(id) ?? []).filter(
      (x) => x.sig.categories.has('burnout') && (pressedThreads.has(x.msg.threadKey ?? x.msg.id) || inCampaign(campaigns, x)),
    );
    if (xs.length === 0) continue;
    out.push(
      finding(
        'discussion/maintainer-burnout',
        'info',
        'high',
        subject,
        `Maintainer ${label(ctx.identities.get(id))} wrote about exhaustion or limited time while being pressed (${xs.length} message(s))`,
        'Statements in the first person, in threads where the maintainer was pressed. This is vulnerability, not blame: the project needs help.',
        xs.slice(0, 5).map((x) => messageEvidence(ctx, x, ['burnout'], 'burn-out')),
        'Offer help the maintainer asks for: funding, reviewers, triage; not pressure.',
      ),
    );
  }
  return out;
}

function buildFacts(ctx: AnalysisContext, campaigns: Campaign[]): DiscussionFacts {
  const phraseCounts: Record<string, number> = {};
  for (const x of ctx.items) for (const h of x.sig.hits) phraseCounts[h.phrase] = (phraseCounts[h.phrase] ?? 0) + 1;
  const flagged = new Set(campaigns.flatMap((c) => [...c.members, ...c.endorsed]));
  const identities = [...ctx.identities.values()]
    .sort((a, b) => b.messages - a.messages)
    .filter((i, n) => n < 500 || flagged.has(i.id))
    .map((i) => ({
      ...i,
      pressureMessages: (ctx.byIdentity.get(i.id) ?? []).filter((x) => x.sig.pressure >= 2).length,
      maintainer: ctx.maintainers.has(i.id),
    }));
  const threads = [...ctx.byThread.entries()]
    .map(([id, xs]) => ({
      ...summarizeThread(
        id,
        xs.map((x) => x.msg),
      ),
      pressure: xs.reduce((a, x) => a + x.sig.pressure, 0),
    }))
    .sort((a, b) => b.pressure - a.pressure || b.messages - a.messages);
  return {
    archive: {
      messages: ctx.items.length,
      identities: ctx.identities.size,
      threads: ctx.byThread.size,
      start: Number.isFinite(ctx.archiveStart) ? new Date(ctx.archiveStart).toISOString() : undefined,
      end: Number.isFinite(ctx.archiveEnd) ? new Date(ctx.archiveEnd).toISOString() : undefined,
    },
    maintainers: [...ctx.maintainers].map((id) => label(ctx.identities.get(id))),
    identities,
    threads: { count: threads.length, top: threads.slice(0, 50) },
    campaigns,
    phraseCounts,
  };
}

export const DISCUSSION_FACTS = defineFacts<DiscussionFacts>({
  key: DISCUSSION_ANALYZER.id,
  scope: 'result',
  version: 1,
  about: 'vigil discuss: identities, threads and pressure campaigns of a mailing-list archive',
  is: (v): v is DiscussionFacts => isObj(v) && Array.isArray(v['campaigns']),
});
