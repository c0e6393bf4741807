/** What kind of file a path is, for the severity of an unexplained or changed file. */
export type FileKind = 'build-script' | 'code' | 'binary-data' | 'doc';

const BUILD = /(?:^|\/)(?:configure(?:\.ac|\.in)?|Makefile(?:\.am|\.in)?|GNUmakefile|CMakeLists\.txt|meson\.build|[^/]*\.(?:m4|sh|bash|ac|am|cmake|mk|mak)|ltmain\.sh|bootstrap|autogen\.sh)$/;
const CODE = /\.(?:c|h|cc|cpp|cxx|hpp|hh|s|S|asm|js|mjs|cjs|ts|mts|cts|jsx|tsx|py|pl|pm|rb|go|rs|java|php|lua|ps1|bat|cmd|node|wasm|so|dll|dylib|exe|o|a)$/i;
const DOC = /(?:^|\/)(?:README|NEWS|AUTHORS|THANKS|TODO|HACKING|CHANGES?|ChangeLog|COPYING|LICEN[CS]E|NOTICE|INSTALL)[^/]*$|\.(?:md|markdown|txt|rst|adoc|html?|css|[1-9]|info|texi|pdf|po|pot|svg|png|jpe?g|gif|ico|xml|json|ya?ml|toml)$/i;

export function fileKind(path: string, mode?: number): FileKind {
  if (BUILD.test(path)) return 'build-script';
  if (CODE.test(path)) return 'code';
  if (mode !== undefined && (mode & 0o111) !== 0) return 'build-script';
  if (DOC.test(path)) return 'doc';
  return 'binary-data';
}

/** Files whose added lines go through the shell/m4 scanner. */
export const isBuildScript = (path: string, mode?: number): boolean => fileKind(path, mode) === 'build-script' || /(?:^|\/)build-aux\//.test(path);
