/**
 * Rules that read the text of a change: security contact, CI/fuzzing weakening, .gitignore'd build
 * macros, IFUNC, sandbox detection; and the choice of build-file changes whose compile-test snippets
 * must be checked (see feature-check.ts). Two steps, so patches can be scanned while the log is
 * still being read: `scanPatch` (text only, small hits) then `judgeHit` (weighted by tenure).
 */
import type { Finding } from '../../../core/types.js';
import type { FilePatch } from '../../../sources/git/patches.js';
import type { GitFileChange } from '../../../sources/git/types.js';
import { isNewcomer } from '../model.js';
import * as P from '../paths.js';
import { authorWeight, commitEvidence, describeAuthor, finding, type SignalContext } from './context.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const EMAIL_G = new RegExp(EMAIL.source, 'g');
const CONTACT_WORDS = /(report|bug|security|vulnerab|contact|maintain|AC_INIT|HOMEPAGE_URL|"bugs"|"email")/i;
const SEC_DISABLE =
  /(--disable-(ifunc|sandbox|landlock|seccomp|sanitizers?|fuzz\w*|hardening|stack-protector|fortify\w*|pie|relro|asan|ubsan|msan)\b|--(enable|with)-(sandbox|landlock|seccomp|hardening)=(no|off|none)\b|-fno-sanitize\S*|-fno-stack-protector\b|-U_FORTIFY_SOURCE\b|_FORTIFY_SOURCE=0\b)/i;
const SANITIZER = /-fsanitize=[\w,-]+|\b(sanitizers?|cifuzz|oss-fuzz|libfuzzer|afl-fuzz|fuzzing)\b/gi;
const IFUNC =
  /(__attribute__\s*\(\(\s*(__)?ifunc(__)?|\bifunc\s*\(\s*"|ATTR(IBUTE)?_IFUNC|\bHAVE_FUNC_ATTRIBUTE_IFUNC\b|\bcrc\w*_resolve\b|--(en|dis)able-ifunc)/i;
const SANDBOX =
  /(landlock|seccomp|\bpledge\b|\bunveil\b|capsicum|cap_enter|cap_rights_limit|sandbox|PR_SET_NO_NEW_PRIVS|stack-protector|_FORTIFY_SOURCE|relro)/i;
export const CHECK_MACROS =
  /(check_(c|cxx)_source_(compiles|runs)|check_source_(compiles|runs)|AC_LANG_PROGRAM|AC_LANG_SOURCE|AC_TRY_(COMPILE|LINK|RUN)|AC_(COMPILE|LINK|RUN)_IFELSE|\.compiles\s*\(|\.links\s*\()/i;
const AUTOTOOLS_M4 = /^(libtool|ltoptions|ltsugar|ltversion|lt~obsolete|aclocal)\.m4$/;

/** A rule match found in a patch before anything is known about its author (kept small). */
export interface PatchHit {
  rule: 'security-policy' | 'contact' | 'maintainers' | 'ci' | 'gitignore' | 'ifunc' | 'sandbox';
  commit: string;
  path: string;
  line?: number;
  excerpt: string;
  /** For `maintainers`: the added lines, judged later against who is a newcomer. */
  lines?: string[];
  /** For `ci` removals: the sanitizer/fuzzing tokens removed (lower case). */
  tokens?: string[];
}

export interface PatchScan {
  hits: PatchHit[];
  /** The build file's compile-test snippets must be checked (see feature-check.ts). */
  checkSnippets: boolean;
  /** A CI/fuzzing configuration: the sanitizer/fuzzing tokens of its added lines (lower case). */
  fuzzTokens?: string[];
}

/** Sanitizer/fuzzing tokens added to CI/fuzzing configurations, by commit and path. */
export type FuzzTokensAdded = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

/** Author-independent pass over one file patch. */
export function scanPatch(fp: FilePatch): PatchScan {
  const out: PatchScan = { hits: [], checkSnippets: false };
  const path = fp.path;
  const hit = (rule: PatchHit['rule'], excerpt: string, line?: number, lines?: string[], tokens?: string[]) =>
    out.hits.push({
      rule,
      commit: fp.commit,
      path,
      excerpt: excerpt.slice(0, 300),
      ...(line ? { line } : {}),
      ...(lines ? { lines } : {}),
      ...(tokens ? { tokens } : {}),
    });
  if (P.isSecurityPolicy(path)) {
    const ln = fp.added.find((l) => EMAIL.test(l.text) || /https?:\/\//.test(l.text)) ?? fp.added[0] ?? fp.removed[0];
    hit('security-policy', ln?.text ?? '', ln?.line);
  } else if (/^(authors|maintainers|codeowners)/i.test(P.basename(path))) {
    if (fp.added.length)
      hit(
        'maintainers',
        `+${fp.added[0]!.text}`,
        fp.added[0]!.line,
        fp.added.slice(0, 200).map((l) => l.text),
      );
  } else if (P.isContactFile(path)) {
    // Only an address that actually changed counts (a version bump in AC_INIT keeps the address).
    const emails = (ls: typeof fp.added) =>
      new Set(
        ls
          .filter((l) => CONTACT_WORDS.test(l.text))
          .flatMap((l) => l.text.match(EMAIL_G) ?? [])
          .map((e) => e.toLowerCase()),
      );
    const before = emails(fp.removed);
    const after = emails(fp.added);
    const added = [...after].filter((e) => !before.has(e));
    const gone = [...before].filter((e) => !after.has(e));
    if (added.length || gone.length) {
      const ln =
        fp.added.find((l) => added.some((e) => l.text.toLowerCase().includes(e))) ??
        fp.removed.find((l) => gone.some((e) => l.text.toLowerCase().includes(e)));
      hit(
        'contact',
        `${added
          .map((e) => `+${e}`)
          .concat(gone.map((e) => `-${e}`))
          .join(' ')}: ${ln?.text.trim() ?? ''}`,
        ln?.line,
      );
    }
  }
  if (P.isCiConfig(path) || P.isFuzzConfig(path)) {
    const disabled = fp.added.find((l) => SEC_DISABLE.test(l.text));
    const removedSan = removedTokens(fp, SANITIZER);
    out.fuzzTokens = [...tokensOf(fp.added, SANITIZER)];
    if (disabled) hit('ci', `+${disabled.text.trim()}`, disabled.line);
    else if (removedSan.length)
      hit(
        'ci',
        `removed: ${removedSan.slice(0, 3).join(', ')}`,
        undefined,
        undefined,
        removedSan.map((t) => t.toLowerCase()),
      );
  }
  if (P.isGitignore(path)) {
    const m4 = fp.added.filter(
      (l) => /\.m4\s*$/.test(l.text.trim()) && !l.text.trim().startsWith('#') && !AUTOTOOLS_M4.test(P.basename(l.text.trim())),
    );
    if (m4.length) hit('gitignore', m4.map((l) => l.text.trim()).join(', '), m4[0]!.line);
  }
  if (P.isCSource(path) || P.isBuildFile(path)) {
    const ifn = fp.added.find((l) => IFUNC.test(l.text));
    if (ifn) hit('ifunc', `+${ifn.text.trim()}`, ifn.line);
  }
  if (P.isBuildFile(path)) {
    const sb = [...fp.added, ...fp.removed].find((l) => SANDBOX.test(l.text));
    if (sb) hit('sandbox', sb.text.trim(), sb.line);
    out.checkSnippets = fp.added.length > 0 && [...fp.added, ...fp.removed, ...fp.context].some((l) => CHECK_MACROS.test(l.text));
  }
  return out;
}

/**
 * Turn a hit into a finding, weighted by the author's tenure; undefined when it does not apply.
 * `fuzzAdded` (from scanPatch's `fuzzTokens`) tells where removed fuzzing tokens went.
 */
export function judgeHit(ctx: SignalContext, h: PatchHit, fuzzAdded?: FuzzTokensAdded): Finding | undefined {
  const rc = ctx.byHash.get(h.commit);
  if (!rc) return undefined;
  const w = authorWeight(ctx, rc);
  const who = describeAuthor(w);
  const make = (rule: string, sev: Finding['severity'], title: string, expl: string, rem?: string) =>
    finding(ctx, rule, sev, w.newcomer ? 'medium' : 'low', title, [commitEvidence(rc, undefined, h.path, h.excerpt, h.line)], expl, rem);
  // Medium only when a newcomer's change went in without an established reviewer.
  const nc = w.newcomer && w.unreviewed;
  switch (h.rule) {
    case 'security-policy':
      return make(
        'history/security-contact-change',
        nc ? 'medium' : 'low',
        `Security policy ${h.path} changed by ${w.name}`,
        `The security policy tells reporters where vulnerabilities go. Changed by ${who}.`,
        'Check that the reporting address still reaches the long-standing maintainers.',
      );
    case 'maintainers':
      if (!(h.lines ?? []).some((l) => mentionsNewcomer(ctx, l, rc.commit.author.time))) return undefined;
      return make(
        'history/security-contact-change',
        nc ? 'medium' : 'low',
        `Newcomer added to ${h.path} (commit by ${w.name})`,
        `A person who is new to the project was added to the maintainer/author list, by ${who}.`,
        'Confirm the change with the long-standing maintainers.',
      );
    case 'contact':
      return make(
        'history/security-contact-change',
        nc ? 'medium' : 'low',
        `Contact address changed in ${h.path} by ${w.name}`,
        `A contact or bug-report address changed, by ${who}.`,
        'Confirm the change with the long-standing maintainers.',
      );
    case 'ci':
      if (isPureMove(rc.commit.files, h.path) || isEditedMove(rc.commit.files, h, fuzzAdded?.get(h.commit))) return undefined;
      return make(
        'history/ci-fuzzing-weakened',
        nc ? 'medium' : 'low',
        `CI/fuzzing weakened in ${h.path} by ${w.name}`,
        `A security-relevant build feature is disabled, or sanitizer/fuzzing steps were removed, in ${h.path}, by ${who}.`,
        'Make sure the weakened configuration is justified and temporary.',
      );
    case 'gitignore':
      return make(
        'history/gitignore-build-macro',
        nc ? 'medium' : 'info',
        `${h.path} now ignores build macro(s) ${h.excerpt}`,
        `An m4 macro ignored by git can ship in a release tarball without ever being reviewed in the repository. Added by ${who}.`,
        "Compare the release tarball's m4 files with the upstream versions (gnulib/gettext serial numbers).",
      );
    case 'ifunc':
      return make(
        'history/ifunc-added',
        w.newcomer ? 'medium' : 'low',
        `IFUNC added in ${h.path} by ${w.name}`,
        `GNU IFUNC resolvers run inside the dynamic loader before the program starts. Added by ${who}.`,
      );
    case 'sandbox':
      return make(
        'history/sandbox-check-changed',
        nc ? 'low' : 'info',
        `Sandbox/hardening detection changed in ${h.path} by ${w.name}`,
        `The detection of a sandbox or hardening feature changed, by ${who}.`,
      );
  }
}

/**
 * The file was deleted and the same content added under another path in the same commit (renames
 * are off in the log: a rename is D + A with equal blobs): nothing was removed.
 */
function isPureMove(files: GitFileChange[], path: string): boolean {
  const gone = files.find((f) => f.path === path && f.status === 'D');
  return !!gone?.oldBlob && files.some((f) => f.status === 'A' && f.newBlob === gone.oldBlob);
}

/**
 * The file was deleted and every fuzzing token it lost is in a CI/fuzzing configuration added in
 * the same commit: a rename with edits (xz's `fuzz.options` → `fuzz_decode_stream.options`, whose
 * dictionary name changed, so git does not pair them). Deleting the configuration outright, or
 * keeping the token only in an edited file, still counts.
 */
function isEditedMove(files: GitFileChange[], h: PatchHit, added: ReadonlyMap<string, readonly string[]> | undefined): boolean {
  if (!h.tokens?.length || !added || !files.some((f) => f.path === h.path && f.status === 'D')) return false;
  const landed = new Set(files.filter((f) => f.status === 'A').flatMap((f) => added.get(f.path) ?? []));
  return h.tokens.every((t) => landed.has(t));
}

function tokensOf(lines: { text: string }[], re: RegExp): Set<string> {
  return new Set(lines.flatMap((l) => [...l.text.matchAll(re)].map((m) => m[0].toLowerCase())));
}

/** Tokens present in removed lines but in no added line of the same patch. */
function removedTokens(fp: FilePatch, re: RegExp): string[] {
  const added = tokensOf(fp.added, re);
  const gone = new Set<string>();
  for (const l of fp.removed) for (const m of l.text.matchAll(re)) if (!added.has(m[0].toLowerCase())) gone.add(m[0]);
  return [...gone];
}

function mentionsNewcomer(ctx: SignalContext, text: string, t: number): boolean {
  const lower = text.toLowerCase();
  for (const a of ctx.model.activity.values()) {
    if (a.person.bot || a.firstActivity > t + 30 * 86_400 || !isNewcomer(ctx.model, a.person.id, t)) continue;
    if (a.person.emails.some((e) => e.length > 5 && lower.includes(e))) return true;
    if (a.person.names.some((n) => n.includes(' ') && lower.includes(n.toLowerCase()))) return true;
  }
  return false;
}
