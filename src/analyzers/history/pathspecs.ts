/**
 * The path classes whose patches the history checks read, each as git glob pathspecs and as the
 * same class in JavaScript. With the history's changed paths known (from `git log --raw`), a
 * patch reader can be given the exact paths (`:(literal)…`) instead of globs: git then compares a
 * few names per tree entry and skips whole directories no path lies in, instead of running every
 * glob against every entry of every changed directory (on curl: half the diff-tree time). Same
 * output by construction; `pathspecsFor` falls back to the globs whenever it could differ.
 */
export interface PathClass {
  /** git pathspecs (`:(glob)` / `:(glob,icase)`). */
  globs: string[];
  /** Does git's glob pathspec select this path? */
  test(path: string): boolean;
}

interface Pattern {
  glob: string;
  icase?: boolean;
}

export const g = (glob: string): Pattern => ({ glob });
export const gi = (glob: string): Pattern => ({ glob, icase: true });

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * git's wildmatch for the forms used here: a leading `**` + `/` (any leading directories), a
 * trailing `/` + `**` (anything inside), `*` (within one name). A pattern without wildcards also
 * selects what is inside a directory of that name, as git's pathspecs do.
 */
export function globRegex(p: Pattern): RegExp {
  if (/[?[\]\\]/.test(p.glob)) throw new Error(`pathspecs: unsupported glob ${p.glob}`);
  let rest = p.glob;
  let src = '^';
  if (rest.startsWith('**/')) {
    src += '(?:.*/)?';
    rest = rest.slice(3);
  }
  let tail = '';
  if (rest.endsWith('/**')) {
    rest = rest.slice(0, -3);
    tail = '/.+';
  }
  if (rest.includes('**')) throw new Error(`pathspecs: unsupported glob ${p.glob}`);
  src += rest.split('*').map(escapeRe).join('[^/]*') + tail;
  if (!p.glob.includes('*')) src += '(?:/.*)?';
  return new RegExp(`${src}$`, p.icase ? 'is' : 's');
}

export function pathClass(patterns: Pattern[]): PathClass {
  const res = patterns.map(globRegex);
  return {
    globs: patterns.map((p) => `:(${p.icase ? 'glob,icase' : 'glob'})${p.glob}`),
    test: (path) => res.some((r) => r.test(path)),
  };
}

/** One glob costs git about as much per tree entry as this many literal paths. */
const LITERALS_PER_GLOB = 40;

/**
 * Pathspecs for reading the patches of commits whose changed paths are `changed`: the paths of the
 * class literally, or the globs when literal paths could select something else (a selected path is
 * elsewhere a directory), would be too many, or cannot be passed back to git as they were read.
 */
export function pathspecsFor(cls: PathClass, changed: Iterable<string>): string[] {
  const all = new Set(changed);
  const picked = new Set<string>();
  for (const p of all) if (cls.test(p)) picked.add(p);
  if (picked.size === 0 || picked.size > LITERALS_PER_GLOB * cls.globs.length) return cls.globs;
  for (const p of picked) if (/[\uFFFD\0]/.test(p)) return cls.globs;
  // `:(literal)dir` also selects dir/*: a picked path must never be a directory of another changed path.
  for (const p of all) {
    if (picked.has(p)) continue;
    for (let i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) if (picked.has(p.slice(0, i))) return cls.globs;
  }
  return [...picked].map((p) => `:(literal)${p}`);
}

/** Build definitions: configure scripts, CMake, Automake, Meson, autoconf macros. */
export const BUILD_PATHS = pathClass([
  gi('**/CMakeLists.txt'),
  g('**/*.cmake'),
  g('**/configure.ac'),
  g('**/configure.in'),
  g('**/*.m4'),
  gi('**/Makefile.am'),
  g('**/meson.build'),
  g('**/meson_options.txt'),
  g('**/meson.options'),
]);

/** Security policies, contact and maintainer lists, manifests, CI and fuzzing configurations, .gitignore. */
export const OTHER_PATHS = pathClass([
  gi('**/SECURITY'),
  gi('**/SECURITY.*'),
  g('**/.well-known/security.txt'),
  gi('**/README'),
  gi('**/README.*'),
  gi('**/AUTHORS'),
  gi('**/AUTHORS.*'),
  gi('**/MAINTAINERS'),
  gi('**/MAINTAINERS.*'),
  gi('**/CODEOWNERS'),
  g('**/package.json'),
  g('.github/workflows/**'),
  g('.travis.yml'),
  g('.gitlab-ci.yml'),
  g('.cirrus.yml'),
  g('appveyor.yml'),
  g('.appveyor.yml'),
  g('.circleci/**'),
  g('azure-pipelines.yml'),
  gi('Jenkinsfile'),
  g('.builds/**'),
  gi('**/ci_build.sh'),
  gi('**/ci-build.sh'),
  gi('**/*fuzz*'),
  gi('**/*fuzz*/**'),
  g('**/.gitignore'),
]);

/** C and C++ sources and assembly. */
export const C_PATHS = pathClass([g('**/*.c'), g('**/*.h'), g('**/*.cc'), g('**/*.cpp'), g('**/*.cxx'), g('**/*.S')]);
