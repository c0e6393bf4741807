/**
 * Rebuild data/m4-catalogue/ from Debian .deb files of autoconf, automake, libtool, gettext,
 * autoconf-archive and gnulib (see data/m4-catalogue/README.md for how to download them).
 *
 *   npx tsx scripts/build-m4-catalogue.ts --debs DIR [--origs DIR] [--out data/m4-catalogue]
 *
 * --debs: binary packages (what Debian installs, with Debian's patches); --origs: the `.orig.tar.*`
 * of the same source packages (the unpatched upstream release tarballs, which is what projects copy
 * macros from). Build time only: runs `dpkg-deb` / `tar` on trusted distribution files into a
 * private temp dir.
 * Every `*.m4` under usr/share/ is catalogued by base name; texts (gzipped, for diff evidence) are
 * kept for the macro names the gettext, libtool and automake binary packages install.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { collectMacros, type CollectedMacro } from '../src/sources/macros/collect.js';

const WANT = new Set(['autoconf', 'automake', 'libtool', 'gettext', 'autoconf-archive', 'gnulib']);
const TEXT_FROM = new Set(['gettext', 'libtool', 'automake']);
/** Names abused in real incidents: their texts are always kept. */
const ALWAYS_TEXT = new Set(['build-to-host.m4']);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** Generated per project, never a shared macro. */
const PROJECT_FILES = new Set(['aclocal.m4', 'acinclude.m4', 'configure.m4']);
/** Test suites carry deliberately odd macros; they are not what projects copy. */
const SKIP_DIR = new Set(['t', 'tests', 'testsuite', 'test']);

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && !SKIP_DIR.has(e.name)) walk(p, out);
    else if (e.isFile() && e.name.endsWith('.m4') && !PROJECT_FILES.has(e.name)) out.push(p);
  }
  return out;
}

const debsDir = arg('debs');
if (!debsDir) {
  process.stderr.write('usage: tsx scripts/build-m4-catalogue.ts --debs DIR [--out DIR]\n');
  process.exit(2);
}
const outDir = resolve(arg('out') ?? 'data/m4-catalogue');
const macros: CollectedMacro[] = [];
const sources: string[] = [];
for (const f of readdirSync(debsDir)
  .filter((n) => n.endsWith('.deb'))
  .sort()) {
  const deb = join(debsDir, f);
  const field = (k: string): string => execFileSync('dpkg-deb', ['-f', deb, k], { encoding: 'utf8' }).trim();
  const pkg = field('Package');
  if (!WANT.has(pkg)) continue;
  const from = `${pkg} ${field('Version')}`;
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-m4cat-'));
  try {
    execFileSync('dpkg-deb', ['-x', deb, tmp]);
    for (const p of walk(join(tmp, 'usr/share'))) {
      if (statSync(p).size > 1024 * 1024) continue;
      macros.push({ name: basename(p), text: readFileSync(p, 'latin1'), from });
    }
    sources.push(from);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
// Upstream tarballs add versions of the macro names the binary packages install, nothing else: their
// own build files (aclocal.m4, project-internal macros) are not copied into other projects.
const binaryNames = new Set(macros.map((m) => m.name));
const origsDir = arg('origs');
for (const f of origsDir
  ? readdirSync(origsDir)
      .filter((n) => /\.orig\.tar\.(?:gz|xz|bz2)$/.test(n))
      .sort()
  : []) {
  const m = /^([a-z0-9.+-]+?)(?:-\d+\.\d+)?_([^_]+)\.orig\.tar\./.exec(f);
  if (!m || !WANT.has(m[1]!)) continue;
  const from = `${m[1]} ${m[2]} (upstream)`;
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-m4cat-'));
  try {
    try {
      execFileSync('tar', ['-xf', join(origsDir!, f), '-C', tmp, '--no-same-owner', '--no-same-permissions'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (e) {
      process.stderr.write(`${f}: not extracted (${(e as Error).message.split('\n')[0]}); skipped\n`);
      continue;
    }
    for (const p of walk(tmp)) {
      if (statSync(p).size > 1024 * 1024 || !binaryNames.has(basename(p))) continue;
      macros.push({ name: basename(p), text: readFileSync(p, 'latin1'), from });
    }
    sources.push(from);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
// Texts (for diffs) only for the macro names the binary gettext/libtool/automake packages install
// (what autopoint, gettextize, libtoolize and aclocal copy into projects), every version of them.
const pkgOf = (m: CollectedMacro): string => m.from.split(' ')[0]!;
const copied = new Set(macros.filter((m) => TEXT_FROM.has(pkgOf(m)) && !m.from.endsWith('(upstream)')).map((m) => m.name));
const keep = (m: CollectedMacro): boolean => copied.has(m.name) || ALWAYS_TEXT.has(m.name);
const { catalogue, texts } = collectMacros(macros, sources, keep);
writeFileSync(join(outDir, 'catalogue.json'), JSON.stringify(catalogue) + '\n');
writeFileSync(join(outDir, 'texts.json.gz'), gzipSync(JSON.stringify(texts), { level: 9 }));
const names = Object.keys(catalogue.macros).length;
const versions = Object.values(catalogue.macros).reduce((n, v) => n + v.length, 0);
process.stdout.write(
  `${sources.length} packages, ${names} macro files, ${versions} distinct versions, ${Object.keys(texts).length} texts kept\n`,
);
