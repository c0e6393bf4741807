/** Small, strict helpers for RFC 5322 header values that postal-mime leaves raw. */

const MAX_REFS = 64;

/** `<a@b>` tokens of a Message-ID / In-Reply-To / References value, brackets removed. */
export function parseMessageIds(value: string | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  for (const m of value.matchAll(/<([^<>\s]{1,998})>/g)) {
    if (ids.length >= MAX_REFS * 4) break;
    ids.push(m[1]!);
  }
  // Some mailers write a bare id without brackets.
  if (ids.length === 0) {
    const bare = value.trim();
    if (/^[^\s<>]{3,998}@[^\s<>]+$/.test(bare)) ids.push(bare);
  }
  return ids;
}

/** References, oldest first, de-duplicated, without `self`, capped to the last MAX_REFS entries. */
export function cleanReferences(ids: string[], self: string): string[] {
  const seen = new Set<string>([self]);
  const out: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out.slice(-MAX_REFS);
}

const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export interface ParsedDate {
  iso: string;
  /** Minutes east of UTC as written in the header. */
  tzOffset?: number;
}

/**
 * RFC 5322 date (with obsolete forms: two-digit years, named US zones, comments, missing seconds).
 * Returns undefined when the value is not a plausible date (before 1970 or after 2100).
 */
export function parseMailDate(value: string | undefined): ParsedDate | undefined {
  if (!value) return undefined;
  const v = value
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(v);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase());
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
    else if (m[3]!.length === 3) year += 1900;
    let tz: number | undefined;
    const z = m[7];
    if (z && /^[+-]\d{4}$/.test(z)) {
      const sign = z[0] === '-' ? -1 : 1;
      tz = sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    } else if (z && ZONES[z.toUpperCase()] !== undefined) tz = ZONES[z.toUpperCase()];
    if (month >= 0) {
      const utc = Date.UTC(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) - (tz ?? 0) * 60_000;
      return plausible(utc, tz);
    }
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : plausible(t, undefined);
}

function plausible(t: number, tzOffset: number | undefined): ParsedDate | undefined {
  if (!Number.isFinite(t)) return undefined;
  const y = new Date(t).getUTCFullYear();
  if (y < 1970 || y > 2100) return undefined;
  return tzOffset === undefined ? { iso: new Date(t).toISOString() } : { iso: new Date(t).toISOString(), tzOffset };
}

/** Subject without reply/forward prefixes and list tags, lower-cased: the key for subject threading. */
export function normalizeSubject(s: string): string {
  let out = s.toLowerCase().replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 8; i++) {
    const next = out
      .replace(/^(\[[^\]]{1,40}\]\s*)/, '')
      .replace(/^((re|fwd?|aw|sv|antw)(\[\d+\])?\s*:\s*)/, '')
      .trim();
    if (next === out) break;
    out = next;
  }
  return out;
}

/** HTML reduced to text: block tags become newlines, tags dropped, common entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d|blockquote)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
