/**
 * Builds small .deb files at test time: `ar` + control/data tarballs made by the system tar and
 * compressors (each compression Debian uses). Returns undefined-free buffers; callers skip when
 * `debToolsMissing()` names a missing tool.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type DebCompression = 'gz' | 'xz' | 'zst' | 'bz2' | 'none';
const FLAG: Record<DebCompression, string[]> = { gz: ['-z'], xz: ['-J'], zst: ['--zstd'], bz2: ['-j'], none: [] };
const TOOL: Record<DebCompression, string | undefined> = { gz: 'gzip', xz: 'xz', zst: 'zstd', bz2: 'bzip2', none: undefined };

export function debToolsMissing(c: DebCompression = 'gz'): string | undefined {
  for (const t of ['tar', TOOL[c]].filter(Boolean) as string[]) {
    const r = spawnSync(t, ['--version'], { encoding: 'utf8' });
    if (r.error) return `${t} is not installed`;
  }
  return undefined;
}

/** An ar archive of the given members, in order. */
export function arArchive(members: { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [Buffer.from('!<arch>\n', 'latin1')];
  for (const m of members) {
    const h = `${m.name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(m.data.length).padEnd(10)}\`\n`;
    parts.push(Buffer.from(h, 'latin1'), m.data);
    if (m.data.length % 2) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

function tarOf(files: Record<string, Buffer | string>, c: DebCompression): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-deb-'));
  try {
    for (const [p, body] of Object.entries(files)) {
      mkdirSync(join(dir, dirname(p)), { recursive: true });
      writeFileSync(join(dir, p), body);
    }
    const out = join(dir, '..', `${dir.split('/').pop()}.tar`);
    const r = spawnSync('tar', ['-c', ...FLAG[c], '--owner=0', '--group=0', '-f', out, '-C', dir, '.'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
    const b = readFileSync(out);
    rmSync(out);
    return b;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface DebSpec {
  name?: string;
  version?: string;
  arch?: string;
  compression?: DebCompression;
  /** Extra control files (postinst...). */
  control?: Record<string, string>;
  /** Data files by install path (without leading slash). */
  data: Record<string, Buffer | string>;
}

export function buildDeb(spec: DebSpec): Buffer {
  const c = spec.compression ?? 'xz';
  const ext = c === 'none' ? '' : `.${c}`;
  const control = `Package: ${spec.name ?? 'libexample1'}\nVersion: ${spec.version ?? '1.0-1'}\nArchitecture: ${spec.arch ?? 'amd64'}\nMaintainer: Example <maint@example.invalid>\nDescription: test package\n`;
  return arArchive([
    { name: 'debian-binary', data: Buffer.from('2.0\n') },
    { name: `control.tar${ext}`, data: tarOf({ control, ...(spec.control ?? {}) }, c) },
    { name: `data.tar${ext}`, data: tarOf(spec.data, c) },
  ]);
}
