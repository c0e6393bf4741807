/**
 * The correlation layer: joins per-component signals across analyzers (release diff, handover,
 * dependency age and author, source history, artifact vs source, content) into one
 * `correlate/takeover-story` finding per component. Runs after every analyzer, before scoring.
 */
import type { Finding } from '../core/types.js';
import { componentSignals, type CorrelateInput } from './signals.js';
import { scoreStory, storyFinding, type Story } from './story.js';
import { componentFact, readComponentFacts } from '../core/facts.js';
import { RELEASE_DIFF_FACTS } from '../analyzers/release-diff/types.js';

export { STORY_WEIGHTS, STORY_THRESHOLDS, storySeverity } from './weights.js';
export { CORRELATE_RULES } from './rules.js';
export { CORRELATE_ANALYZER, TAKEOVER_STORY_RULE, scoreStory, storyFinding, type Story } from './story.js';
export { componentSignals, signalOfFinding, signalOfReleaseSignal, type CorrelateInput, type StorySignal } from './signals.js';

/** Every component's story (including those below `low`), by subject. */
export function correlateStories(input: CorrelateInput): Story[] {
  const byPurl = new Map<string, Finding[]>();
  for (const f of input.findings) {
    const list = byPurl.get(f.subject);
    if (list) list.push(f);
    else byPurl.set(f.subject, [f]);
  }
  const subjects = new Set([...byPurl.keys(), ...readComponentFacts(input, RELEASE_DIFF_FACTS).keys()]);
  const out: Story[] = [];
  for (const purl of [...subjects].sort()) {
    const story = scoreStory(purl, componentSignals(purl, input, byPurl));
    if (story) out.push(story);
  }
  return out;
}

/** The takeover-story findings of a scan (or a single diff: pass its delta as facts). */
export function correlateTakeovers(input: CorrelateInput): Finding[] {
  const names = new Map((input.inventory?.components ?? []).map((c) => [c.purl, `${c.name}@${c.version}`]));
  const out: Finding[] = [];
  for (const s of correlateStories(input)) {
    const delta = componentFact(input, RELEASE_DIFF_FACTS, s.subject);
    const f = storyFinding(s, names.get(s.subject) ?? (delta ? `${delta.name}@${delta.to}` : s.subject));
    if (f) out.push(f);
  }
  return out;
}
