/** Catalogue entry of the correlation layer's one rule. */
import type { RuleInfo } from '../core/rule.js';
import { TAKEOVER_STORY_RULE } from './story.js';
import { STORY_WEIGHTS } from './weights.js';

export const CORRELATE_RULES: RuleInfo[] = [
  {
    id: TAKEOVER_STORY_RULE,
    title: 'Takeover story: a change of control followed by new, unreviewed code',
    severity: 'high',
    meaning: `Signals from different analyzers about one component, joined: a change of WHO controls it and WHAT was shipped afterwards. The score is the sum of the distinct signals' weights (src/correlate/weights.ts): ${Object.entries(
      STORY_WEIGHTS,
    )
      .map(([id, w]) => `${id} ${w.weight} (${w.family})`)
      .join(
        ', ',
      )}. Critical from 110, high from 70, medium from 40. Told only when both a trust and a payload signal are present; payload signals seen on a dependency that the release newly added count too.`,
    why: 'Each signal alone usually has an innocent explanation (handovers of dormant packages are common, so are new dependencies and build output); a new owner who immediately adds code nobody reviewed is the takeover shape.',
    example:
      'event-stream 3.3.6 (Sep 2018): the dormant, single-maintainer package was handed to right9ctrl, who within days added flatmap-stream, a brand-new, single-release package by an unknown author; flatmap-stream 0.1.1 shipped a minified index and an encrypted "test/data.js" absent from its GitHub repository, which stole from Copay wallets.',
    suppress: `Add {"rule":"${TAKEOVER_STORY_RULE}","subject":"pkg:npm/NAME@VERSION","reason":"handover confirmed by the previous maintainer"} to suppressions in vigil.config.json.`,
  },
];
