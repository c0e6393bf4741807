/** Per-message phrase hits on the author's own text (quotes, signatures and patches stripped). */
import type { DiscussionMessage } from '../../sources/discussions/types.js';
import { FIRST_PERSON, PHRASES, PRESSURE_CATEGORIES, PROJECT_TALK, type Category } from './lexicon.js';
import { cleanBody, sentences } from './text-clean.js';

export interface PhraseHit {
  phrase: string;
  category: Category;
  weight: number;
  /** 1-based body line where the sentence starts. */
  line: number;
  /** The sentence, trimmed to 300 characters. */
  excerpt: string;
  /** Lower-cased sentence with the two before it: where a named person is looked for. */
  context: string;
}

export interface MessageSignals {
  hits: PhraseHit[];
  /** Sum of pressure-category weights, each phrase counted once. */
  pressure: number;
  categories: Set<Category>;
  hasPatch: boolean;
  /** Lower-cased own text, for phrasing similarity. */
  ownText: string;
}

const PATCH_SUBJECT = /^\s*(re:\s*)?\[[^\]]*\bpatch\b/i;
/** One pass over a sentence decides whether any phrase can match; most sentences stop here. */
const ANY = new RegExp(PHRASES.map((p) => `(?:${p.re.source})`).join('|'));
const BURNOUT_ONLY = PHRASES.filter((p) => p.category === 'burnout');
const ANY_BURNOUT = new RegExp(BURNOUT_ONLY.map((p) => `(?:${p.re.source})`).join('|'));

export function scanMessage(m: DiscussionMessage): MessageSignals {
  const clean = cleanBody(m.body);
  const hits: PhraseHit[] = [];
  const seen = new Set<string>();
  const isPatchMail = clean.hasPatch || (PATCH_SUBJECT.test(m.subject) && !/^\s*re:/i.test(m.subject));
  const sents = sentences(clean);
  // A patch mail's prose is a commit message: demands there are about code, not people.
  const phrases = isPatchMail ? BURNOUT_ONLY : PHRASES;
  const any = isPatchMail ? ANY_BURNOUT : ANY;
  for (let si = 0; si < sents.length; si++) {
    const s = sents[si]!;
    const lower = s.text.toLowerCase();
    if (!any.test(lower)) continue;
    for (const p of phrases) {
      if (seen.has(p.id) || !p.re.test(lower)) continue;
      if (p.category === 'burnout' && p.id !== 'unpaid-hobby' && !FIRST_PERSON.test(lower)) continue;
      seen.add(p.id);
      const context = sents
        .slice(Math.max(0, si - 2), si + 1)
        .map((x) => x.text)
        .join(' ')
        .toLowerCase();
      hits.push({ phrase: p.id, category: p.category, weight: p.weight, line: s.line, excerpt: s.text.slice(0, 300), context });
    }
  }
  const ownText = sents
    .map((s) => s.text)
    .join(' ')
    .toLowerCase()
    .slice(0, 4000);
  const onTopic = PROJECT_TALK.test(ownText) || PROJECT_TALK.test(m.subject.toLowerCase());
  let pressure = 0;
  const categories = new Set<Category>();
  for (const h of onTopic ? hits : hits.filter((x) => !PRESSURE_CATEGORIES.has(x.category))) {
    categories.add(h.category);
    if (PRESSURE_CATEGORIES.has(h.category)) pressure += h.weight;
  }
  return {
    hits: onTopic ? hits : hits.filter((x) => !PRESSURE_CATEGORIES.has(x.category)),
    pressure,
    categories,
    hasPatch: clean.hasPatch,
    ownText,
  };
}
