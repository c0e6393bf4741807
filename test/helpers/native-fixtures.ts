/**
 * Compiles the C scenarios of test/fixtures/binary/ with gcc into a temp dir, once per process.
 * `nativeFixtures()` returns undefined (with the reason) when gcc is missing, so tests skip by name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures', 'binary');

let dir: string | undefined;
const built = new Map<string, Buffer>();

export function gccMissing(): string | undefined {
  const r = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'gcc is not installed: native fixtures cannot be built';
  if (process.arch !== 'x64' && process.arch !== 'arm64') return `no native fixtures for ${process.arch}`;
  return undefined;
}

/** Build `name`.c as a shared library (`strip` removes .symtab afterwards). */
export function buildLib(name: string, opts: { strip?: boolean } = {}): Buffer {
  const key = `${name}:${opts.strip ? 's' : ''}`;
  const hit = built.get(key);
  if (hit) return hit;
  dir ??= mkdtempSync(join(tmpdir(), 'vigil-native-'));
  const out = join(dir, `${name}${opts.strip ? '-stripped' : ''}.so`);
  const cc = spawnSync('gcc', ['-O2', '-shared', '-fPIC', '-Wl,--build-id', '-o', out, join(FIXTURE_DIR, `${name}.c`)], {
    encoding: 'utf8',
  });
  if (cc.status !== 0) throw new Error(`gcc failed for ${name}: ${cc.stderr}`);
  if (opts.strip) {
    const st = spawnSync('strip', [out], { encoding: 'utf8' });
    if (st.status !== 0) throw new Error(`strip failed for ${name}: ${st.stderr}`);
  }
  const b = readFileSync(out);
  built.set(key, b);
  return b;
}

process.on('exit', () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
