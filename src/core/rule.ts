import type { Severity } from './types.js';

/** One catalogue entry. Every rule an analyzer can emit has one; `vigil rules` prints them. */
export interface RuleInfo {
  /** `family/name`, e.g. `npm/install-script`. */
  id: string;
  title: string;
  /** Default severity; an analyzer may raise or lower it per finding with a reason. */
  severity: Severity;
  /** What the finding means. */
  meaning: string;
  /** Why it matters for the supply chain. */
  why: string;
  /** A real, documented incident or case where this signal appeared. */
  example: string;
  /** How to suppress it (config snippet or advice). */
  suppress: string;
}
