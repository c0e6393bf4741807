/**
 * Trust transfer through releases: new tag-signing keys, and newcomers who reach release authority
 * (tagging) quickly — especially in projects whose releases all came from one person before.
 */
import type { Finding } from '../../../core/types.js';
import { DAY, isNewcomer, tenureDays, type ResolvedTag } from '../model.js';
import { finding, iso, type SignalContext } from './context.js';

const FAST_DAYS = 3 * 365;

function tagEvidence(rt: ResolvedTag, label: string) {
  const s = rt.tag.signature;
  return {
    kind: 'metadata' as const,
    label,
    field: `refs/tags/${rt.tag.name}`,
    value: { tagger: rt.tag.tagger ? `${rt.tag.tagger.name} <${rt.tag.tagger.email}>` : undefined, key: s?.fingerprint ?? s?.keyId },
    commit: rt.tag.commit,
    date: iso(rt.time),
  };
}

export function newSigningKeys(ctx: SignalContext): Finding[] {
  const out: Finding[] = [];
  const seenKeys = new Map<string, ResolvedTag>();
  const signers = new Set<string>();
  for (const rt of ctx.model.tags) {
    const sig = rt.tag.signature;
    if (!sig || !rt.tagger || !rt.time) continue;
    const key = sig.fingerprint ?? sig.keyId ?? `unreadable:${rt.tag.name}`;
    const firstEver = seenKeys.size === 0;
    if (seenKeys.has(key)) continue;
    seenKeys.set(key, rt);
    const who = ctx.model.activity.get(rt.tagger)?.person.name ?? rt.tagger;
    const newcomer = isNewcomer(ctx.model, rt.tagger, rt.time);
    const otherSigners = [...signers].filter((s) => s !== rt.tagger);
    signers.add(rt.tagger);
    const prevKeys = [...seenKeys.entries()].filter(([k]) => k !== key).map(([k, t]) => `${k} (${t.tag.name})`);
    const severity = firstEver ? 'info' : newcomer && otherSigners.length > 0 ? 'high' : newcomer ? 'medium' : 'low';
    out.push(
      finding(
        ctx,
        'history/new-signing-key',
        severity,
        sig.unreadable ? 'low' : 'high',
        `Tag ${rt.tag.name} signed with a new ${sig.kind.toUpperCase()} key ${key} by ${who}`,
        [
          tagEvidence(rt, 'first tag signed with this key'),
          ...(prevKeys.length ? [{ kind: 'metadata' as const, label: 'keys used before', value: prevKeys.slice(-5) }] : []),
        ],
        firstEver
          ? `First signed tag of the repository, by ${who}.`
          : `${who} (active for ${tenureDays(ctx.model, rt.tagger, rt.time)} days${newcomer ? ', a newcomer' : ''}) signed ${rt.tag.name} on ${iso(rt.time)} with key ${key}, which no earlier tag used${otherSigners.length ? `; earlier tags were signed by ${otherSigners.map((s) => ctx.model.activity.get(s)?.person.name ?? s).join(', ')}` : ''}.`,
        'Verify the new key out of band with the project (a signed announcement from the previous key, the project website) before trusting releases signed with it.',
      ),
    );
  }
  return out;
}

export function fastEscalation(ctx: SignalContext): Finding[] {
  const out: Finding[] = [];
  const { model } = ctx;
  for (const a of model.activity.values()) {
    const ft = a.firstTag;
    if (!ft?.time || a.person.bot) continue;
    const days = (ft.time - a.firstActivity) / DAY;
    if (days > FAST_DAYS || !isNewcomer(model, a.person.id, ft.time)) continue;
    const earlier = model.tags.filter((t) => t.tagger && (t.time ?? 0) < ft.time!);
    if (earlier.length === 0) continue; // the first release manager of a project is not an escalation
    const earlierTaggers = new Set(earlier.map((t) => t.tagger));
    if (earlierTaggers.has(a.person.id)) continue;
    const single = earlierTaggers.size === 1 && earlier.length >= 3;
    // A tag on a commit no branch contains still counts (a release can be cut from a throwaway
    // branch), but weighs less: vendors' tags pushed into a repository look the same (redis 2.6.7-1).
    const dangling = ctx.danglingTags?.has(ft.tag.name) ?? false;
    const severity = single && days <= 2.5 * 365 && !dangling ? 'high' : 'medium';
    const ev = [];
    if (a.firstAuthored)
      ev.push({
        kind: 'commit' as const,
        label: 'first authored commit',
        commit: a.firstAuthored.commit.hash,
        date: iso(a.firstAuthored.commit.author.time),
      });
    if (a.firstCommitted)
      ev.push({
        kind: 'commit' as const,
        label: 'first commit as committer',
        commit: a.firstCommitted.commit.hash,
        date: iso(a.firstCommitted.commit.committer.time),
      });
    ev.push(tagEvidence(ft, 'first tag'));
    if (a.firstSignedTag) ev.push(tagEvidence(a.firstSignedTag, 'first signed tag'));
    const prev = [...earlierTaggers].map((p) => model.activity.get(p!)?.person.name ?? p).join(', ');
    out.push(
      finding(
        ctx,
        'history/fast-trust-escalation',
        severity,
        'medium',
        `${a.person.name} went from first commit to release tags in ${Math.round(days)} days`,
        ev,
        `${a.person.name} first appears on ${iso(a.firstActivity)}, first commits as committer on ${iso(a.firstCommitted?.commit.committer.time)}, and tags ${ft.tag.name} on ${iso(ft.time)}. Earlier releases (${earlier.length} tags) came from ${prev}${single ? ' alone: release authority passed from a single maintainer to a newcomer' : ''}.${dangling ? ` ${ft.tag.name} points to a commit no branch contains.` : ''}`,
        'Check how release rights were granted (public discussion, a known organization) and whether the previous maintainer still reviews releases.',
      ),
    );
  }
  return out;
}
