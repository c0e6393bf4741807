/**
 * `debian/changelog`: one entry per upload, `pkg (version) dists; urgency=x`, change lines, and the
 * trailer ` -- Name <email>  date` naming who made the upload. Also extracts the changelog from a
 * source's packaging file (`*.debian.tar.{xz,gz}` or a format-1.0 `*.diff.gz`) with caps.
 */
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { VigilError } from '../../core/errors.js';
import { decompressByName } from '../../formats/debian/decompress.js';

export interface ChangelogEntry {
  package: string;
  version: string;
  distribution: string;
  name: string;
  email: string;
  /** ISO date of the trailer, when it parses. */
  date?: string;
  /** The change lines mention a non-maintainer or QA upload. */
  nmu: boolean;
  line: number;
}

const HEADER = /^(\S+) \(([^)\s]+)\) ([^;]*);/;
const TRAILER = /^ -- (.*?) <([^>]*)>\s+(.+?)\s*$/;

export function parseChangelog(text: string, maxEntries = 5000): ChangelogEntry[] {
  const out: ChangelogEntry[] = [];
  let cur: { package: string; version: string; distribution: string; line: number; body: string[] } | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && out.length < maxEntries; i++) {
    const l = lines[i]!;
    const h = HEADER.exec(l);
    if (h) {
      cur = { package: h[1]!, version: h[2]!, distribution: h[3]!.trim(), line: i + 1, body: [] };
      continue;
    }
    const t = TRAILER.exec(l);
    if (t && cur) {
      const d = Date.parse(t[3]!);
      const body = cur.body.join('\n');
      out.push({
        package: cur.package,
        version: cur.version,
        distribution: cur.distribution,
        name: t[1]!.trim(),
        email: t[2]!.trim(),
        date: Number.isNaN(d) ? undefined : new Date(d).toISOString(),
        nmu: /non[- ]maintainer upload|\bNMU\b|QA upload/i.test(body),
        line: cur.line,
      });
      cur = undefined;
      continue;
    }
    cur?.body.push(l);
  }
  return out;
}

const MAX_TAR = 256 * 1024 * 1024;
const MAX_CHANGELOG = 8 * 1024 * 1024;

/** The text of `debian/changelog` from a `*.debian.tar.*` or `*.diff.gz` (bzip2 is not supported). */
export async function changelogFromPackaging(name: string, data: Buffer): Promise<string> {
  if (name.endsWith('.bz2')) throw new VigilError('E_UNSUPPORTED', `${name}: bzip2 packaging tarballs are not read`);
  const raw = await decompressByName(name, data, MAX_TAR);
  if (name.endsWith('.diff.gz')) return changelogFromDiff(raw.toString('utf8'), name);
  const extract = tar.extract();
  Readable.from([raw]).pipe(extract);
  let found: string | undefined;
  let n = 0;
  for await (const entry of extract) {
    if (++n > 100_000) throw new VigilError('E_ARCHIVE_LIMIT', `${name}: too many entries`);
    if (found === undefined && entry.header.type === 'file' && entry.header.name.replace(/^\.\//, '') === 'debian/changelog') {
      if ((entry.header.size ?? 0) > MAX_CHANGELOG) throw new VigilError('E_ARCHIVE_LIMIT', `${name}: debian/changelog too large`);
      const parts: Buffer[] = [];
      for await (const c of entry) parts.push(c as Buffer);
      found = Buffer.concat(parts).toString('utf8');
    } else {
      entry.resume();
    }
  }
  if (found === undefined) throw new VigilError('E_ARCHIVE', `${name}: no debian/changelog inside`);
  return found;
}

/** A format-1.0 diff creates debian/changelog in one hunk: take its `+` lines. */
function changelogFromDiff(diff: string, name: string): string {
  const lines = diff.split('\n');
  const start = lines.findIndex((l) => /^\+\+\+ [^/\s]+\/debian\/changelog(\s|$)/.test(l));
  if (start < 0) throw new VigilError('E_ARCHIVE', `${name}: the diff does not touch debian/changelog`);
  const out: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('@@')) continue;
    if (l.startsWith('+')) out.push(l.slice(1));
    else if (l.startsWith(' ')) out.push(l.slice(1));
    else if (!l.startsWith('-') && !l.startsWith('\\')) break;
  }
  return out.join('\n');
}
