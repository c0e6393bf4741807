/**
 * Test setup: a git repository and release archives built in a temp dir (trusted test input; the
 * code under test reads git only through the safe runner).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { collectMacros } from '../../src/sources/macros/collect.js';

export const FIXTURES = join(import.meta.dirname, '../fixtures/verify');
export const fixture = (...p: string[]): string => readFileSync(join(FIXTURES, ...p), 'utf8');

export type Content = string | Buffer | { link: string };

export function tempDir(prefix = 'vigil-verify-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A repository with `files` committed and tagged `tag` (lightweight). Returns its path. */
export function makeRepo(files: Record<string, Content>, tag: string): string {
  const dir = tempDir('vigil-verify-repo-');
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@example.org',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@example.org',
    GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  };
  const git = (...a: string[]): string =>
    execFileSync('git', ['-C', dir, '-c', 'core.hooksPath=/dev/null', '-c', 'core.autocrlf=false', ...a], { env, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  for (const [p, c] of Object.entries(files)) {
    const abs = join(dir, p);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof c === 'object' && !Buffer.isBuffer(c)) symlinkSync(c.link, abs);
    else writeFileSync(abs, c);
  }
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'release');
  git('tag', tag);
  return dir;
}

/** A gzipped tar with every entry under `top/`. */
export async function makeTarGz(files: Record<string, Content>, top: string): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (const [p, c] of Object.entries(files)) {
    const name = top ? `${top}/${p}` : p;
    if (typeof c === 'object' && !Buffer.isBuffer(c)) pack.entry({ name, type: 'symlink', linkname: c.link });
    else pack.entry({ name, mode: p === 'configure' || p.endsWith('.sh') ? 0o755 : 0o644 }, Buffer.isBuffer(c) ? c : Buffer.from(c));
  }
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/** A test catalogue from the fixture's canonical macros, written to a temp dir. */
export function makeCatalogue(): string {
  const dir = tempDir('vigil-verify-cat-');
  const macros = ['build-to-host.m4', 'lib-ld.m4'].map((name) => ({
    name,
    text: fixture('autotools-tampered-macro/canonical', name),
    from: name === 'lib-ld.m4' ? 'gettext 0.22' : 'gnulib 20230101',
  }));
  const { catalogue, texts } = collectMacros(macros, ['gnulib 20230101', 'gettext 0.22'], () => true, '2024-01-01T00:00:00Z');
  writeFileSync(join(dir, 'catalogue.json'), JSON.stringify(catalogue));
  writeFileSync(join(dir, 'texts.json.gz'), gzipSync(JSON.stringify(texts)));
  return dir;
}

export const cleanup = (...dirs: string[]): void => dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
