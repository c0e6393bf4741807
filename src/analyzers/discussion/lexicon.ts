/**
 * Phrase lexicon, loaded from data/discussion-lexicon.json (provenance there). Each entry is a meaning-bearing phrase (not a single keyword) with a category and
 * a weight; one sentence matching one weak phrase is never enough on its own — the analysis combines
 * weights with identity, thread and timing context. Lower-cased sentences are matched.
 *
 * Categories:
 *   handover     — the maintainer should hand the project over, step down, add or change maintainers
 *   abandonment  — "is this project dead / still maintained", the maintainer "lost interest"
 *   pace         — merges and releases are too slow, patches wait for years
 *   denigration  — blame and entitlement aimed at the maintainer
 *   burnout      — the maintainer's own statements of exhaustion or lack of time (first person only)
 *   endorsement  — advocacy for giving one specific person maintainer or commit rights
 */

import { readFileSync } from 'node:fs';
import { dataPath } from '../../core/package-root.js';
import { VigilError } from '../../core/errors.js';

export type Category = 'handover' | 'abandonment' | 'pace' | 'denigration' | 'burnout' | 'endorsement';

export interface Phrase {
  id: string;
  category: Category;
  /** 1 weak, 2 clear, 3 unambiguous. */
  weight: number;
  re: RegExp;
}

/** The phrase list is data with provenance: data/discussion-lexicon.json. */
export const LEXICON_FILE = dataPath('discussion-lexicon.json');

const CATEGORIES: ReadonlySet<string> = new Set(['handover', 'abandonment', 'pace', 'denigration', 'burnout', 'endorsement']);

/** Parse and check a lexicon file; a bad entry is an error naming the file and the entry. */
export function parseLexicon(text: string, file: string): Phrase[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new VigilError('E_CONFIG', `${file}: not JSON (${(e as Error).message})`);
  }
  const list = (doc as { phrases?: unknown } | null)?.phrases;
  if (!Array.isArray(list)) throw new VigilError('E_CONFIG', `${file}: no "phrases" array`);
  return list.map((raw, i) => {
    const e = raw as Record<string, unknown>;
    const where = `${file}: phrases[${i}]${typeof e?.id === 'string' ? ` (${e.id})` : ''}`;
    if (
      typeof e?.id !== 'string' ||
      typeof e.pattern !== 'string' ||
      typeof e.category !== 'string' ||
      !CATEGORIES.has(e.category) ||
      ![1, 2, 3].includes(e.weight as number)
    ) {
      throw new VigilError('E_CONFIG', `${where}: needs id, pattern, a known category and weight 1-3`);
    }
    try {
      return { id: e.id, category: e.category as Category, weight: e.weight as number, re: new RegExp(e.pattern) };
    } catch (err) {
      throw new VigilError('E_CONFIG', `${where}: invalid pattern (${(err as Error).message})`);
    }
  });
}

export const PHRASES: Phrase[] = parseLexicon(readFileSync(LEXICON_FILE, 'utf8'), LEXICON_FILE);

export const PRESSURE_CATEGORIES: ReadonlySet<Category> = new Set(['handover', 'abandonment', 'pace', 'denigration']);

/**
 * A pressure message must be about the project's work: one of these words in the writer's own text.
 * Keeps spam ("hand over the project under your care") and off-topic mail out of the analysis.
 */
export const PROJECT_TALK =
  /\b(?:maintain\w*|patch\w*|releases?|released|commit\w*|merg\w*|repo\w*|git|fork\w*|pull requests?|mailing list|source code|bugs?|versions?|branch\w*|\d+\.\d+(?:\.\d+)?)\b/;

/** Burnout phrases count only in first-person sentences: the writer about themself. */
export const FIRST_PERSON = /\b(?:i|i'm|i've|i'd|my|me|myself)\b/;
