/**
 * Which files that are only in the artifact the release process is expected to add. Each rule is
 * tied to evidence in the repository (configure.ac for autotools products, Makefile.am next to a
 * Makefile.in, a po/ folder for gettext files, package.json for npm build output); a file no rule
 * explains is a finding.
 */
import type { Explanation } from './types.js';

/** Files `automake --add-missing`, `libtoolize`, `gettextize` and `autopoint` copy in. */
const AUX = new Set([
  'config.guess',
  'config.sub',
  'install-sh',
  'ltmain.sh',
  'missing',
  'depcomp',
  'compile',
  'ar-lib',
  'test-driver',
  'tap-driver.sh',
  'ylwrap',
  'mdate-sh',
  'texinfo.tex',
  'config.rpath',
  'mkinstalldirs',
  'py-compile',
  'elisp-comp',
  'INSTALL',
  'COPYING',
  'ABOUT-NLS',
  'ChangeLog',
  'gitlog-to-changelog',
  'git-version-gen',
  '.tarball-version',
  '.version',
  'stamp-h.in',
  'install.sh',
  'shtool',
]);
/** Files gettext's po infrastructure adds to po/. */
const PO_INFRA =
  /^(?:Makefile\.in\.in|Makevars\.template|Rules-quot|boldquot\.sed|quot\.sed|en@quot\.header|en@boldquot\.header|insert-header\.sin|remove-potcdate\.sin|stamp-po|.*\.gmo|.*\.pot|.*\.mo)$/;
const DOC_EXT = /\.(?:[1-9][a-z]*|info(?:-\d+)?|html?|pdf|ps|dvi|txt|css|png|svg|js|map)$/;

export interface ExplainContext {
  repoPaths: Set<string>;
  /** Every folder of the repository, with a trailing `/`. */
  repoDirs: Set<string>;
  /** Repository prefix of the artifact (monorepo sub-folder). */
  repoPrefix: string;
  autotools: boolean;
  /** npm: parsed package.json of the artifact. */
  npm?: { files?: string[]; entryPoints: string[]; /** The package builds before publishing (npm-build.ts). */ buildStep: boolean };
  debian?: boolean;
  catalogued: (name: string) => boolean;
}

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const dir = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/') + 1) : '');

export function explainOnlyInArtifact(path: string, ctx: ExplainContext): Explanation | undefined {
  const repo = (p: string): boolean => ctx.repoPaths.has(ctx.repoPrefix + p);
  const name = base(path);
  const d = dir(path);
  if (ctx.debian && (path.startsWith('debian/') || path === 'debian')) return 'debian-packaging';
  if (ctx.autotools) {
    if (name === 'configure' && (repo(d + 'configure.ac') || repo(d + 'configure.in'))) return 'autotools-output';
    if (name === 'Makefile.in' && repo(d + 'Makefile.am')) return 'autotools-output';
    if (name === 'aclocal.m4' || name === 'config.h.in' || name === 'config.hin' || name === 'config.in' || /config\.h\.in$/.test(name))
      return 'autotools-output';
    if (/\.in$/.test(name) && repo(path.replace(/\.in$/, '.am'))) return 'autotools-output';
    if (AUX.has(name)) return 'autotools-aux';
    if (name.endsWith('.m4') && ctx.catalogued(name)) return 'catalogued-macro';
    if (/(?:^|\/)po\//.test(d) && PO_INFRA.test(name)) return 'gettext-infrastructure';
    if (/(?:^|\/)(?:lib|gl|gnulib|gnulib-m4|gl\/m4)\//.test(d) && (repo('bootstrap.conf') || repo('.gitmodules'))) return 'gnulib-import';
  }
  if (isGeneratedDoc(path, ctx)) return 'generated-doc';
  if (ctx.npm) return explainNpm(path, ctx.npm, (d) => ctx.repoDirs.has(ctx.repoPrefix + d));
  return undefined;
}

function isGeneratedDoc(path: string, ctx: ExplainContext): boolean {
  const name = base(path);
  const inDocDir = /(?:^|\/)(?:doc|docs|man|man\d|api|html|po4a)\//.test(path);
  if (/\.(?:js|mjs|cjs|sh|m4|py|pl)$/.test(name) && !/(?:^|\/)(?:doc|docs)\/(?:api|html)\//.test(path)) return false;
  if (inDocDir && DOC_EXT.test(name)) return true;
  // texinfo's version stamp (`@set UPDATED`), written by automake's mdate-sh.
  if (name === 'stamp-vti' || /^version\d*\.texi$/.test(name)) return true;
  // po4a-translated man pages (po4a/man/<lang>/xz.1) when the repo has a po4a/ configuration.
  if (path.startsWith('po4a/') && ctx.repoDirs.has(ctx.repoPrefix + 'po4a/'))
    return /\.(?:[1-9]|pot|po|txt|authors)$/.test(name) || path.includes('/man/');
  return false;
}

const BUILD_DIRS = /^(?:dist|lib|build|es|esm|cjs|umd|types|typings|out|bundle)\//;

/** `repoDir('dist/')`: the repository has that folder. */
function explainNpm(path: string, npm: NonNullable<ExplainContext['npm']>, repoDir: (d: string) => boolean): Explanation | undefined {
  if (path === 'package.json') return 'npm-metadata';
  // Without a build step nothing produces files git does not have: they were added by hand.
  if (!npm.buildStep) return undefined;
  const norm = (p: string): string => p.replace(/^\.\//, '').replace(/\/+$/, '');
  if (npm.entryPoints.some((e) => norm(e) === path || norm(e) + '.js' === path)) return 'npm-build-output';
  // A build folder git does not have: generated at publish time.
  if (BUILD_DIRS.test(path) && !repoDir(path.split('/')[0]! + '/')) return 'npm-build-output';
  if (/\.(?:d\.ts|d\.mts|d\.cts|map)$/.test(path)) return 'npm-build-output';
  for (const f of npm.files ?? []) {
    const p = norm(f);
    if (!p || p.includes('*')) continue;
    if (path.startsWith(p + '/') && !repoDir(p + '/')) return 'npm-build-output';
  }
  return undefined;
}
