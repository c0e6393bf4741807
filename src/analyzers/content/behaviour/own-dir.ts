/**
 * Whether a path built from the module's own directory stays inside the package. `path.join(__dirname,
 * '..', '..', '.github', 'workflows', 'build.yml')` in `dist/build/tasks.js` names the package's
 * own `.github` folder: a build script shipped by mistake writes there (blake3-wasm's
 * dist/build/generate-tasks.js), and in an installed copy that folder is inert, under
 * node_modules/<name>. A path that climbs out of the package (more `..` than the file's folder
 * depth), an absolute piece given to `path.resolve`, or a piece that is not a literal can name
 * anything: those stay persistence locations when they match one.
 */
export function staysInPackage(file: string, pieces: readonly string[], resolve: boolean): boolean {
  let depth = file.split('/').length - 1;
  for (const piece of pieces) {
    if (resolve && /^(?:[\\/]|[A-Za-z]:)/.test(piece)) return false;
    for (const seg of piece.split(/[\\/]+/)) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (--depth < 0) return false;
      } else depth++;
    }
  }
  return true;
}
