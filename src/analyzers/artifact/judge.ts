/**
 * Turn the per-file classification into findings: catalogue checks for m4 macros, the release-process
 * explanations for files only in the artifact, the shell/m4 scanner over lines only the artifact has,
 * and the manifest check for npm. Pure: no I/O.
 */
import type { Finding } from '../../core/types.js';
import { scanShell } from '../content/shell-scan.js';
import { judgeMacro } from '../../sources/macros/catalogue.js';
import type { MacroCatalogue, MacroTexts } from '../../sources/macros/types.js';
import type { Classified } from './classify.js';
import { explainOnlyInArtifact, type ExplainContext } from './explain.js';
import { fileKind, isBuildScript } from './file-kind.js';
import { diffLines, renderChanges } from './line-diff.js';
import { byStrength, finding, macroFinding } from './macro-finding.js';
import { ARTIFACT_RULES as R } from './rules.js';
import type { FileVerdict } from './types.js';
import { codeTraits, hasBuildStep } from './npm-build.js';
import type { PackageFile } from '../../sources/archive/types.js';

export interface JudgeInput {
  subject: string;
  kind: 'tarball' | 'npm' | 'deb';
  classified: Classified;
  catalogue?: MacroCatalogue;
  /** Canonical macro texts, loaded only when a macro needs a diff. */
  texts?: () => MacroTexts | undefined;
}

const text = (b: Buffer | undefined): string => (b ? b.toString('latin1') : '');

function npmContext(pkgJson: Buffer | undefined, repoPaths: Set<string>, repoPrefix: string): NonNullable<ExplainContext['npm']> {
  let m: Record<string, unknown> = {};
  try {
    m = JSON.parse(text(pkgJson)) as Record<string, unknown>;
  } catch {
    /* an unreadable manifest explains nothing */
  }
  const entry: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') entry.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) collect(x);
  };
  for (const k of ['main', 'module', 'browser', 'types', 'typings', 'bin', 'exports']) collect(m[k]);
  const files = Array.isArray(m.files) ? m.files.filter((f): f is string => typeof f === 'string') : undefined;
  const scripts = m.scripts && typeof m.scripts === 'object' ? (m.scripts as Record<string, unknown>) : {};
  return { entryPoints: entry, ...(files ? { files } : {}), buildStep: hasBuildStep(scripts, repoPaths, repoPrefix) };
}

export interface JudgeOutput {
  findings: Finding[];
  verdicts: FileVerdict[];
}

export function judgeArtifact(input: JudgeInput): JudgeOutput {
  const { classified: c, subject } = input;
  const findings: Finding[] = [];
  const repoPaths = new Set<string>();
  const repoDirs = new Set<string>();
  for (const v of c.verdicts) {
    if (!v.sourcePath) continue;
    repoPaths.add(v.sourcePath);
    for (let i = v.sourcePath.indexOf('/'); i >= 0; i = v.sourcePath.indexOf('/', i + 1)) repoDirs.add(v.sourcePath.slice(0, i + 1));
  }
  const prefix = c.alignment.repoPrefix;
  const has = (p: string): boolean => repoPaths.has(prefix + p);
  const artifactHas = (p: string): boolean => c.artifactFiles.has(p);
  const ctx: ExplainContext = {
    repoPaths,
    repoDirs,
    repoPrefix: prefix,
    autotools: has('configure.ac') || has('configure.in') || (artifactHas('configure') && artifactHas('Makefile.in')),
    debian: input.kind === 'deb',
    catalogued: (name) => !!input.catalogue?.macros[name],
    ...(input.kind === 'npm' ? { npm: npmContext(c.artifactFiles.get('package.json')?.data, repoPaths, prefix) } : {}),
  };
  const docs: string[] = [];
  const changedDocs: string[] = [];
  for (const v of c.verdicts) {
    if (v.class === 'identical' || v.class === 'only-source' || v.class === 'unchecked' || v.class === 'eol-only') continue;
    const f = c.artifactFiles.get(v.path);
    const body = text(f?.data);
    const base = v.path.slice(v.path.lastIndexOf('/') + 1);
    if (base.endsWith('.m4') && base !== 'aclocal.m4' && base !== 'acinclude.m4' && input.catalogue?.macros[base] && f?.data) {
      v.macro = judgeMacro(input.catalogue, base, body);
      const mf = macroFinding(subject, v.path, v.macro, body, input.texts);
      if (mf) findings.push(mf);
      // A tampered macro stays unexplained; its finding already carries the scanner's hits.
      if (mf && mf.severity !== 'low') continue;
      if (v.class === 'only-artifact') v.explained = 'catalogued-macro';
      if (v.macro.status === 'canonical') continue;
    }
    if (v.class === 'only-artifact') {
      v.explained ??= explainOnlyInArtifact(v.path, ctx);
      if (!v.explained) {
        const kind = fileKind(v.path, f?.mode, f?.data);
        if (kind === 'doc') docs.push(v.path);
        else if (ctx.npm && kind === 'code' && f?.data) findings.push(npmUnexplainedCode(subject, f, c.artifactFiles, ctx.npm));
        else {
          findings.push(
            finding(
              subject,
              R.unexplainedFile,
              'medium',
              `${v.path} is in the release but not in the source (${kind})`,
              `The tagged source has no ${v.path}, and no release-process rule explains it. Nobody reviewed this ${kind === 'build-script' ? 'build script' : kind === 'code' ? 'code' : 'file'} in git.`,
              [
                {
                  kind: 'file',
                  file: v.path,
                  label: `${kind}, ${f?.size ?? 0} bytes, only in the artifact`,
                  ...(f?.data && kind !== 'binary-data' ? { excerpt: body.split('\n').slice(0, 3).join('\n').slice(0, 240) } : {}),
                },
              ],
            ),
          );
        }
      }
      if (f?.data && isBuildScript(v.path, f.mode)) pushScan(findings, subject, v.path, body, undefined);
      continue;
    }
    // 'different': both sides exist.
    const old = v.sourcePath ? text(c.sourceTexts.get(v.sourcePath)) : '';
    if (input.kind === 'npm' && v.path === 'package.json') {
      const sf = scriptsFinding(subject, old, body);
      if (sf) findings.push(sf);
      continue;
    }
    if (v.note?.startsWith('name case differs')) {
      findings.push(
        finding(
          subject,
          R.caseCollision,
          'low',
          `${v.path} matches the source only case-insensitively`,
          `The repository has ${v.sourcePath}; on a case-insensitive file system these are the same file.`,
          [{ kind: 'file', file: v.path, label: v.note }],
        ),
      );
      continue;
    }
    const changes = f?.data && old ? diffLines(old, body) : [];
    const kind = fileKind(v.path, f?.mode, f?.data);
    if (kind === 'doc' && !v.note) {
      changedDocs.push(v.path);
      continue;
    }
    findings.push(
      finding(
        subject,
        R.modifiedFile,
        kind === 'doc' ? 'low' : 'medium',
        `${v.path} differs from the tagged source`,
        `${v.path} in the release is not the reviewed file${v.note ? ` (${v.note})` : ''}: ${changes.filter((x) => x.op === '+').length} line(s) added, ${changes.filter((x) => x.op === '-').length} removed.`,
        [
          {
            kind: 'file',
            file: v.path,
            label: v.note ?? 'changed lines (artifact vs tag)',
            ...(changes.length ? { excerpt: renderChanges(changes, 20) } : {}),
          },
        ],
      ),
    );
    if (f?.data && isBuildScript(v.path, f.mode))
      pushScan(findings, subject, v.path, body, new Set(changes.filter((x) => x.op === '+').map((x) => x.line)));
  }
  for (const p of c.problems) {
    if (p.message.includes('differ only in letter case'))
      findings.push(
        finding(subject, R.caseCollision, 'low', `${p.file} collides with another artifact path by case`, p.message, [
          { kind: 'file', file: p.file ?? '', label: 'case-only collision' },
        ]),
      );
  }
  if (docs.length) {
    findings.push(
      finding(
        subject,
        R.unexplainedFile,
        'low',
        `${docs.length} documentation/data file(s) in the release are not in the source`,
        'Text or documentation files only in the artifact; low risk, listed so every difference is accounted for.',
        docs.slice(0, 20).map((file) => ({ kind: 'file' as const, file, label: 'only in the artifact' })),
      ),
    );
  }
  if (changedDocs.length) {
    findings.push(
      finding(
        subject,
        R.modifiedFile,
        'low',
        `${changedDocs.length} documentation/translation file(s) differ from the tagged source`,
        'Text files regenerated at release time (ChangeLog from the git log, po files merged by make dist); low risk, listed so every difference is accounted for.',
        changedDocs.slice(0, 20).map((file) => ({ kind: 'file' as const, file, label: 'differs from the tag' })),
      ),
    );
  }
  return { findings, verdicts: c.verdicts };
}

/** Shell/m4 idioms on the artifact's own lines (`onlyLines` = lines the source does not have). */
function pushScan(findings: Finding[], subject: string, path: string, body: string, onlyLines: Set<number> | undefined): void {
  let hits = byStrength(scanShell(body, path).hits.filter((h) => !onlyLines || onlyLines.has(h.line)));
  // Generated scripts carve bytes legitimately (libtool reads ELF headers with dd): carving counts
  // only next to a stronger idiom.
  if (!onlyLines && hits.every((h) => h.idiom === 'carve')) hits = [];
  if (!hits.length) return;
  findings.push(
    finding(
      subject,
      R.suspiciousBuildCode,
      'high',
      `${path}: release-only build code ${hits[0]!.detail ?? hits[0]!.idiom}`,
      `${hits.length} line(s) of ${path} that are not in the reviewed source use idioms that decode or run hidden data (${[...new Set(hits.map((h) => h.idiom))].join(', ')}).`,
      hits.slice(0, 10).map((h) => ({ kind: 'file' as const, file: path, line: h.line, label: h.detail ?? h.idiom, excerpt: h.excerpt })),
      'Build from the tagged source (autoreconf from git) and compare; treat the release as compromised until explained.',
    ),
  );
}

function scriptsFinding(subject: string, repoJson: string, artJson: string): Finding | undefined {
  const scripts = (t: string): Record<string, string> => {
    try {
      const s = (JSON.parse(t) as { scripts?: unknown }).scripts;
      return s && typeof s === 'object' ? (s as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  const a = scripts(repoJson);
  const b = scripts(artJson);
  const LIFECYCLE = /^(?:pre|post)?(?:install|prepare|publish|pack|uninstall)$|^prepublishOnly$/;
  const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => LIFECYCLE.test(k) && a[k] !== b[k]);
  if (!changed.length) return undefined;
  return finding(
    subject,
    R.manifestScripts,
    'high',
    `published package.json changes lifecycle script(s): ${changed.join(', ')}`,
    'The lifecycle scripts of the published manifest differ from the tagged package.json.',
    changed.map((k) => ({
      kind: 'metadata' as const,
      file: 'package.json',
      field: `scripts.${k}`,
      before: a[k] ?? null,
      after: b[k] ?? null,
    })),
  );
}

/** An npm code file only in the artifact: high when minified, encoded or loaded indirectly. */
function npmUnexplainedCode(
  subject: string,
  f: PackageFile,
  all: Map<string, PackageFile>,
  npm: NonNullable<ExplainContext['npm']>,
): Finding {
  const traits = codeTraits(f, all, npm.entryPoints);
  const body = f.data?.toString('latin1') ?? '';
  const how = traits.length ? ` (${traits.join(', ')})` : '';
  return finding(
    subject,
    R.unexplainedFile,
    traits.length ? 'high' : 'medium',
    `${f.path} is in the published package but not in the source${how}`,
    `The source at the release's commit has no ${f.path}${npm.buildStep ? ', and no build rule of the package produces it' : ', and the package has no build step (no build/prepare script or bundler configuration) that could produce it'}. ${traits.length ? `It is executable code nobody reviewed in git: ${traits.map((t) => TRAIT_TEXT[t]).join('; ')}.` : 'Nobody reviewed this code in git.'}`,
    [
      {
        kind: 'file',
        file: f.path,
        label: `code, ${f.size} bytes, only in the artifact${how}`,
        excerpt: body.split('\n').slice(0, 2).join('\n').slice(0, 240),
      },
    ],
    'Compare with the repository at the release commit; ask the maintainers how the file was produced, and pin the previous release until then.',
  );
}

const TRAIT_TEXT: Record<string, string> = {
  minified: 'minified (lines of a thousand characters or more), so it cannot be read or diffed',
  encoded: 'it carries a long base64/hex blob',
  'loaded-indirectly': 'it is not an entry point but other code of the package requires it',
};
