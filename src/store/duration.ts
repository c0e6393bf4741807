/** `--older-than 30d|12h|2w|2026-01-31` (and `--since`): a cut-off time, parsed at the boundary. */
import { VigilError } from '../core/errors.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The ISO time before which things count as older than TEXT, relative to NOW; errors name FLAG, the option TEXT came from. */
export function cutoffFrom(text: string, now: Date = new Date(), flag = '--older-than'): string {
  const m = /^(\d+)([mhdw])$/.exec(text.trim());
  if (m) return new Date(now.getTime() - Number(m[1]) * UNIT_MS[m[2]!]!).toISOString();
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString();
  throw new VigilError('E_USAGE', `${flag}: "${text}" is neither a duration (30d, 12h, 2w, 90m) nor a date (2026-01-31)`);
}
