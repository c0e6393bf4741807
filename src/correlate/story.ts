/**
 * One takeover story per component: the distinct story signals (each counted once, at its weight in
 * STORY_WEIGHTS), told only when both a trust signal and a payload signal are present. The finding
 * names who took over, what they added, and where the unexplained code is, with the evidence of each.
 */
import type { Evidence, Finding } from '../core/types.js';
import type { StorySignal } from './signals.js';
import { STORY_THRESHOLDS, STORY_WEIGHTS, VIA_NEW_DEPENDENCY_SHARE, storySeverity, type StorySignalId } from './weights.js';

export const CORRELATE_ANALYZER = { id: 'correlate', version: '1.0.0' } as const;
export const TAKEOVER_STORY_RULE = 'correlate/takeover-story';

export interface ScoredSignal extends StorySignal {
  weight: number;
}

export interface Story {
  subject: string;
  score: number;
  signals: ScoredSignal[];
}

const weightOf = (s: StorySignal): number => Math.round(STORY_WEIGHTS[s.id].weight * (s.via ? VIA_NEW_DEPENDENCY_SHARE : 1));

const MAX_PER_SIGNAL = 4;

/**
 * Each signal id counts once, at its heaviest occurrence; further occurrences (a second unexplained
 * file) add their title and evidence, not weight.
 */
export function scoreStory(subject: string, signals: StorySignal[]): Story | undefined {
  const best = new Map<StorySignalId, ScoredSignal & { count: number }>();
  for (const s of signals) {
    const w = weightOf(s);
    const cur = best.get(s.id);
    if (!cur) best.set(s.id, { ...s, weight: w, count: 1 });
    else if (cur.count < MAX_PER_SIGNAL) {
      const [head, tail] = w > cur.weight ? [s, cur] : [cur, s];
      best.set(s.id, {
        ...head,
        weight: Math.max(w, cur.weight),
        count: cur.count + 1,
        title: `${head.title}; ${tail.title}`,
        evidence: [...head.evidence.slice(0, 2), ...tail.evidence],
      });
    }
  }
  const picked: ScoredSignal[] = [...best.values()]
    .map(({ count: _count, ...rest }) => rest)
    .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
  const trust = picked.filter((s) => STORY_WEIGHTS[s.id].family === 'trust');
  const payload = picked.filter((s) => STORY_WEIGHTS[s.id].family === 'payload');
  if (!trust.length || !payload.length) return undefined;
  const score = picked.reduce((n, s) => n + s.weight, 0);
  return { subject, score, signals: picked };
}

const MAX_EVIDENCE = 30;

export function storyFinding(story: Story, name: string): Finding | undefined {
  const severity = storySeverity(story.score);
  if (!severity) return undefined;
  const trust = story.signals.filter((s) => STORY_WEIGHTS[s.id].family === 'trust');
  const payload = story.signals.filter((s) => STORY_WEIGHTS[s.id].family === 'payload');
  const via = [...new Set(payload.map((s) => s.via).filter((v): v is string => !!v))];
  const summary: Evidence[] = story.signals.map((s) => ({
    kind: 'text',
    label: `${s.id} (+${s.weight})${s.via ? ` via ${s.via}` : ''}`,
    excerpt: s.title,
  }));
  const detail = story.signals.flatMap((s) =>
    s.evidence.slice(0, 2 * MAX_PER_SIGNAL).map((e) => ({ ...e, label: `${s.id}: ${e.label ?? s.from ?? ''}`.trim() })),
  );
  const min = STORY_THRESHOLDS.find(([s]) => s === severity)?.[1] ?? 0;
  return {
    rule: TAKEOVER_STORY_RULE,
    severity,
    confidence: trust.length >= 2 && payload.length >= 2 ? 'high' : 'medium',
    subject: story.subject,
    title: `${name}: takeover story (score ${story.score}) — ${trust[0]!.title}; ${payload[0]!.title}${via.length ? ` (via ${via.join(', ')})` : ''}`,
    evidence: [...summary, ...detail].slice(0, MAX_EVIDENCE),
    explanation: `Who: ${trust.map((s) => `${s.title} [${s.id} +${s.weight}: ${STORY_WEIGHTS[s.id].meaning}]`).join('; ')}. What: ${payload.map((s) => `${s.title}${s.via ? ` (in the new dependency ${s.via})` : ''} [${s.id} +${s.weight}]`).join('; ')}. Each signal counts once at its weight in src/correlate/weights.ts; together ${story.score} ≥ ${min} → ${severity}. Either half alone is common; a change of control followed by new code nobody reviewed is how packages are taken over.`,
    remediation:
      'Pin the last release before the change of control; ask the project (through a channel the previous maintainer controls) whether the new owner and the new dependency or files are legitimate; read the evidence files before upgrading.',
    analyzer: { ...CORRELATE_ANALYZER },
  };
}
