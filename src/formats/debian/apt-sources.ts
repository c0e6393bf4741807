/**
 * apt source configuration: the one-line format (`sources.list`, `*.list`) and deb822 (`*.sources`).
 * The archive addresses vigil uses come only from here or from an explicit `--mirror` flag.
 */
import { join } from 'node:path';
import type { Problem } from '../../core/types.js';
import { parseControl } from './control.js';
import { listInside, readInside } from './fs-inside.js';

export interface AptSource {
  type: 'deb' | 'deb-src';
  /** Archive base URL, without a trailing slash. */
  uri: string;
  suite: string;
  components: string[];
  architectures?: string[];
  /** Keyring file from `signed-by=` / `Signed-By:` (a path; inline keys are not supported). */
  signedBy?: string;
  file: string;
  line: number;
}

const trimSlash = (u: string): string => u.replace(/\/+$/, '');

/** One-line format: `deb [opt=val ...] URI SUITE [COMPONENT...]`. */
export function parseSourcesList(text: string, file: string, problems: Problem[] = []): AptSource[] {
  const out: AptSource[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const m = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)((?:\s+\S+)*)$/.exec(line);
    if (!m) {
      problems.push({
        code: 'E_CONFIG',
        message: `${file}:${i + 1}: not an apt source line: ${JSON.stringify(line.slice(0, 80))}`,
        file,
        line: i + 1,
      });
      return;
    }
    const opts = new Map<string, string>();
    for (const kv of (m[2] ?? '').trim().split(/\s+/).filter(Boolean)) {
      const eq = kv.indexOf('=');
      if (eq > 0) opts.set(kv.slice(0, eq).toLowerCase(), kv.slice(eq + 1));
    }
    const arch = opts.get('arch');
    out.push({
      type: m[1] as AptSource['type'],
      uri: trimSlash(m[3]!),
      suite: m[4]!,
      components: (m[5] ?? '').trim().split(/\s+/).filter(Boolean),
      architectures: arch ? arch.split(',') : undefined,
      signedBy: opts.get('signed-by'),
      file,
      line: i + 1,
    });
  });
  return out;
}

/** deb822 format: stanzas with Types, URIs, Suites, Components, Architectures, Signed-By, Enabled. */
export function parseDeb822Sources(text: string, file: string, problems: Problem[] = []): AptSource[] {
  const out: AptSource[] = [];
  const words = (v: string | undefined): string[] => (v ?? '').split(/\s+/).filter(Boolean);
  for (const s of parseControl(text, {
    onIssue: (i) => problems.push({ code: 'E_CONFIG', message: `${file}:${i.line}: ${i.message}`, file, line: i.line }),
  })) {
    const f = s.fields;
    if ((f.enabled ?? 'yes').toLowerCase() === 'no') continue;
    const types = words(f.types).filter((t): t is AptSource['type'] => t === 'deb' || t === 'deb-src');
    if (!types.length || !f.uris || !f.suites) {
      problems.push({ code: 'E_CONFIG', message: `${file}:${s.line}: source stanza needs Types, URIs and Suites`, file, line: s.line });
      continue;
    }
    const signed = f['signed-by'];
    for (const type of types)
      for (const uri of words(f.uris))
        for (const suite of words(f.suites)) {
          out.push({
            type,
            uri: trimSlash(uri),
            suite,
            components: words(f.components),
            architectures: f.architectures ? words(f.architectures) : undefined,
            signedBy: signed && !signed.includes('\n') && !signed.startsWith('-----') ? signed.trim() : undefined,
            file,
            line: s.line,
          });
        }
  }
  return out;
}

/**
 * Read `etc/apt/sources.list` and `etc/apt/sources.list.d/*.{list,sources}` under `root` (apt
 * ignores other names, e.g. `*.disabled`). Links leaving `root` are not followed.
 */
export function readAptSources(root = '/'): { sources: AptSource[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const sources: AptSource[] = [];
  const main = join(root, 'etc/apt/sources.list');
  const t = readInside(root, 'etc/apt/sources.list');
  if (t !== undefined) sources.push(...parseSourcesList(t, main, problems));
  for (const n of listInside(root, 'etc/apt/sources.list.d')) {
    const rel = `etc/apt/sources.list.d/${n}`;
    if (n.endsWith('.list')) sources.push(...parseSourcesList(readInside(root, rel) ?? '', join(root, rel), problems));
    else if (n.endsWith('.sources')) sources.push(...parseDeb822Sources(readInside(root, rel) ?? '', join(root, rel), problems));
  }
  return { sources, problems };
}
