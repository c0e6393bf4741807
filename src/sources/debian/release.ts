/**
 * `InRelease` / `Release` files: the signed list of index files and their SHA256 digests.
 * The clearsigned wrapper is removed here (dash-escaping undone); signature checking is gpgv.ts.
 */
import { parseControl } from '../../formats/debian/control.js';

export interface ReleaseFile {
  origin?: string;
  label?: string;
  suite?: string;
  codename?: string;
  date?: string;
  validUntil?: string;
  architectures: string[];
  components: string[];
  /** Index path relative to `dists/SUITE/` → digest and size. */
  sha256: Map<string, { sha256: string; size: number }>;
  signed: boolean;
}

/** Extract the signed text of a clearsigned message, or the text itself when unsigned. */
export function stripClearsign(text: string): { body: string; signed: boolean } {
  const t = text.replace(/\r\n/g, '\n');
  if (!t.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')) return { body: t, signed: false };
  const start = t.indexOf('\n\n');
  const end = t.indexOf('\n-----BEGIN PGP SIGNATURE-----');
  if (start < 0 || end < 0 || end < start) return { body: '', signed: true };
  const body = t
    .slice(start + 2, end)
    .split('\n')
    .map((l) => (l.startsWith('- ') ? l.slice(2) : l))
    .join('\n');
  return { body, signed: true };
}

export function parseRelease(text: string): ReleaseFile {
  const { body, signed } = stripClearsign(text);
  const f = parseControl(body)[0]?.fields ?? {};
  const sha256 = new Map<string, { sha256: string; size: number }>();
  for (const l of (f.sha256 ?? '').split('\n')) {
    const m = /^\s*([0-9a-f]{64})\s+(\d+)\s+(\S+)\s*$/i.exec(l);
    if (m) sha256.set(m[3]!, { sha256: m[1]!.toLowerCase(), size: Number(m[2]) });
  }
  const words = (v?: string): string[] => (v ?? '').split(/\s+/).filter(Boolean);
  return {
    origin: f.origin,
    label: f.label,
    suite: f.suite,
    codename: f.codename,
    date: f.date,
    validUntil: f['valid-until'],
    architectures: words(f.architectures),
    components: words(f.components),
    sha256,
    signed,
  };
}

/** The best listed variant of an index (`main/binary-amd64/Packages`): xz, then gz, then plain. */
export function pickIndexVariant(
  rel: ReleaseFile,
  base: string,
  prefer: readonly string[] = ['.xz', '.gz', ''],
): { path: string; sha256: string; size: number } | undefined {
  for (const ext of prefer) {
    const e = rel.sha256.get(base + ext);
    if (e) return { path: base + ext, ...e };
  }
  return undefined;
}
