/** What kind of file a path is, for the severity of an unexplained or changed file. */
export type FileKind = 'build-script' | 'code' | 'binary-data' | 'doc';

const BUILD =
  /(?:^|\/)(?:configure(?:\.ac|\.in)?|Makefile(?:\.am|\.in)?|GNUmakefile|CMakeLists\.txt|meson\.build|[^/]*\.(?:m4|sh|bash|ac|am|cmake|mk|mak)|ltmain\.sh|bootstrap|autogen\.sh)$/;
const CODE =
  /\.(?:c|h|cc|cpp|cxx|hpp|hh|s|S|asm|js|mjs|cjs|ts|mts|cts|jsx|tsx|py|pl|pm|rb|go|rs|java|php|lua|ps1|bat|cmd|node|wasm|so|dll|dylib|exe|o|a)$/i;
const DOC =
  /(?:^|\/)(?:README|NEWS|AUTHORS|THANKS|TODO|HACKING|CHANGES?|ChangeLog|COPYING|LICEN[CS]E|NOTICE|INSTALL)[^/]*$|\.(?:md|markdown|txt|rst|adoc|html?|css|[1-9]|info|texi|pdf|po|pot|svg|png|jpe?g|gif|ico|xml|json|ya?ml|toml)$/i;

/** `data` (when given) lets plain prose with an unknown extension count as a document. */
export function fileKind(path: string, mode?: number, data?: Buffer): FileKind {
  if (BUILD.test(path)) return 'build-script';
  if (CODE.test(path)) return 'code';
  if (data && data.subarray(0, 2).toString('latin1') === '#!') return 'build-script';
  if (mode !== undefined && (mode & 0o111) !== 0) return 'build-script';
  if (DOC.test(path)) return 'doc';
  if (data && isProse(data)) return 'doc';
  return 'binary-data';
}

/** Text without NUL bytes and with short lines (a base64 or hex blob has long ones). */
function isProse(data: Buffer): boolean {
  const head = data.subarray(0, 16 * 1024);
  if (head.includes(0)) return false;
  const lines = head.toString('latin1').split('\n');
  return lines.every((l) => l.length <= 200) && !/^[A-Za-z0-9+/=]{60,}$/m.test(head.toString('latin1'));
}

/** Files whose added lines go through the shell/m4 scanner. */
export const isBuildScript = (path: string, mode?: number): boolean =>
  fileKind(path, mode) === 'build-script' || /(?:^|\/)build-aux\//.test(path);
