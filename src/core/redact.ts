/**
 * The one redaction function. Everything that leaves vigil — terminal text, every report format,
 * progress lines, error messages, store rows — passes through `redact`, which removes credentials:
 * the user-info part of URLs (`scheme://user:pass@host`), npmrc-style auth settings, Authorization
 * header values, credential-looking query parameters, well-known token shapes, and every secret
 * value registered from the user's configuration (`registerSecret`, e.g. each `_authToken`).
 * Replacements are `***`: never a quote, backslash or newline, so redacting JSON keeps it valid.
 */

const MASK = '***';

/** Secrets known from configuration, longest first so a secret containing another is masked whole. */
const secrets = new Set<string>();
let ordered: string[] = [];

/** Remember a secret value (token, password) so it is masked wherever it appears. Short values are ignored. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 6 || secrets.has(value)) return;
  secrets.add(value);
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

/** Forget registered secrets (tests). */
export function clearSecrets(): void {
  secrets.clear();
  ordered = [];
}

const VALUE = `[^\\s"'\`&,;<>\\\\]+`;
const PATTERNS: [RegExp, string][] = [
  // scheme://user:password@host and scheme://token@host: the whole user-info goes. The literal `://`
  // leads (the scheme is checked behind it) so the engine searches for it instead of trying every word.
  [/:\/\/(?<=\b[a-z][a-z0-9+.-]{0,20}:\/\/)[^\s/?#@"'`<>\\]+@/gi, `://${MASK}@`],
  // npmrc settings (//host/:_authToken=..., _auth=..., _password=...) and CI token variables with a
  // literal value. Not generic `token =` / `password:`: code excerpts quoted as evidence use those
  // words, and hiding what a script reads would hide the attack.
  [
    new RegExp(
      `((?:_authToken|_auth|_password|NPM_TOKEN|NODE_AUTH_TOKEN|GITHUB_TOKEN|GH_TOKEN)["']?\\s*[=:]\\s*["']?)(?![$%{])${VALUE}`,
      'g',
    ),
    `$1${MASK}`,
  ],
  // Authorization: Bearer/Basic/token <value>
  [new RegExp(`\\b((?:authorization|proxy-authorization)["']?\\s*[:=]\\s*["']?(?:bearer|basic|token)\\s+)${VALUE}`, 'gi'), `$1${MASK}`],
  [new RegExp(`\\b((?:bearer|basic)\\s+)(?=[A-Za-z0-9+/_.=-]{16,})${VALUE}`, 'g'), `$1${MASK}`],
  // Query parameters that carry credentials.
  [/([?&](?:access_token|auth|token|key|password|secret|sig|signature|x-amz-signature|x-amz-credential)=)[^&\s#"'`<>\\]+/gi, `$1${MASK}`],
  // Token shapes: npm, GitHub, GitLab, Slack, AWS access key ids.
  [/\bnpm_[A-Za-z0-9]{36}\b/g, MASK],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, MASK],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/g, MASK],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, MASK],
  [/\bAKIA[0-9A-Z]{16}\b/g, MASK],
];

/**
 * Every pattern above needs one of these substrings; a string with none of them (almost every string
 * of a result: names, purls, versions, paths, excerpts) skips the ten replacements. Keep it a superset:
 * user-info needs `://` before its `@`, so a bare `@` (every versioned purl) does not count.
 */
const MAY_HOLD_CREDENTIALS =
  /:\/\/|_auth|_password|token|uthorization|bearer\s|basic\s|[?&][a-z_-]+=|npm_|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|AKIA/i;

export function redact(text: string): string {
  let out = text;
  for (const s of ordered) if (out.includes(s)) out = out.split(s).join(MASK);
  if (!MAY_HOLD_CREDENTIALS.test(out)) return out;
  for (const [re, to] of PATTERNS) out = out.replace(re, to);
  return out;
}

/** `redact` over every string (and key) of a JSON-like value; other values are kept. */
export function redactDeep<T>(value: T): T {
  return mapStrings(value, redact);
}

/**
 * Applies `f` to every string and object key of a JSON-like value (plain objects and arrays).
 * Copy on write: a part in which `f` changed nothing is returned as it was (not copied), so a large
 * result with nothing to rewrite costs one walk and no allocation. Callers must not mutate the output.
 */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return f(v);
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const x = walk(v[i]);
        if (x !== v[i]) (out ??= v.slice())[i] = x;
      }
      return out ?? v;
    }
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const o = v as Record<string, unknown>;
      let out: Record<string, unknown> | undefined;
      const keys = Object.keys(o);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const key = f(k);
        const x = walk(o[k]);
        if (!out && (key !== k || x !== o[k])) {
          out = {};
          for (let j = 0; j < i; j++) out[keys[j]!] = o[keys[j]!];
        }
        if (out) out[key] = x;
      }
      return out ?? v;
    }
    return v;
  };
  return walk(value) as T;
}
