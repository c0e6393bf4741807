/** Path classes the history checks care about. Paths are repository-relative, `/`-separated. */
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export const isSecurityPolicy = (p: string) =>
  /^(security)(\.md|\.txt|\.rst)?$/i.test(base(p)) || /(^|\/)\.well-known\/security\.txt$/i.test(p);
/** Files that carry contact addresses, maintainers or release identity. */
export const isContactFile = (p: string) =>
  /^(readme(\..*)?|authors(\..*)?|maintainers(\..*)?|codeowners|configure\.(ac|in)|cmakelists\.txt|package\.json|meson\.build|\.mailmap)$/i.test(
    base(p),
  );
export const isCiConfig = (p: string) =>
  /^\.github\/workflows\//.test(p) ||
  /^\.(travis|gitlab-ci|cirrus|appveyor)\.ya?ml$/.test(p) ||
  /^\.circleci\//.test(p) ||
  /^(azure-pipelines\.ya?ml|appveyor\.ya?ml|jenkinsfile)$/i.test(p) ||
  /(^|\/)ci[_-]?build\.sh$/i.test(p) ||
  /^\.builds\//.test(p);
export const isFuzzConfig = (p: string) =>
  /(^|[/_.-])(oss-?fuzz|fuzz(ing|er|ers)?|cifuzz)([/_.-]|$)/i.test(p) && !/\.(c|cc|cpp|h)$/.test(p);
export const isBuildFile = (p: string) =>
  /^(configure\.(ac|in)|cmakelists\.txt|makefile\.am|meson\.build|meson_options\.txt|meson\.options)$/i.test(base(p)) ||
  /\.(m4|cmake)$/i.test(p);
export const isGitignore = (p: string) => base(p) === '.gitignore';
export const isCSource = (p: string) => /\.(c|h|cc|cpp|cxx|hpp|S)$/.test(p);
const TEST_DIR = /(^|\/)(tests?|testing|testdata|test[-_]?data|test[-_]?files|fixtures?|spec|__tests__|corpus|samples?)(\/|$)/i;
export const isTestPath = (p: string) => TEST_DIR.test(p);
/** Extensions of compressed/binary payload formats. */
export const PAYLOAD_EXT = /\.(xz|lzma|lz|gz|bz2|zst|z|7z|zip|rar|tar|bin|dat|raw|o|so|a|dll|exe|class|jar|pyc|lz4|br|cab|deb|rpm)$/i;
/** Files that can generate others. */
export const isScriptLike = (p: string) =>
  /\.(sh|bash|py|pl|rb|js|mjs|cjs|ts|c|cc|cpp|go|rs|lua|tcl|awk|sed|cmake|am|mk|ps1|bat)$/i.test(p) ||
  /^(makefile|gnumakefile|cmakelists\.txt)$/i.test(base(p));
export const basename = base;
export const stem = (p: string) => base(p).replace(/\.[^.]*$/, '');
