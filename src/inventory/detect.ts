/**
 * Finding inputs: which files in a directory an extractor reads (in the registry's priority order),
 * and which extractor reads an explicit file (by name, then by a sniff of its first bytes).
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Extractor } from './types.js';

export interface Candidate {
  /** Absolute (or as given) path of the file. */
  path: string;
  /** Path relative to the scanned directory. */
  displayPath: string;
  extractor: Extractor;
}

const HEAD_BYTES = 8192;

export function readHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Every input in `dir` some extractor reads, best first (the extractors' order is the priority). */
export function findCandidates(dir: string, extractors: readonly Extractor[]): Candidate[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    names = [];
  }
  const out: Candidate[] = [];
  const taken = new Set<string>();
  for (const ex of extractors) {
    for (const fileName of ex.fileNames) {
      const matches = fileName.startsWith('*') ? names.filter((n) => n.endsWith(fileName.slice(1))) : [fileName];
      for (const rel of matches) {
        const path = join(dir, rel);
        if (taken.has(rel) || !isFile(path)) continue;
        let head: string;
        try {
          head = readHead(path);
        } catch {
          continue;
        }
        if (!ex.detect(path, head)) continue;
        taken.add(rel);
        out.push({ path, displayPath: rel, extractor: ex });
      }
    }
  }
  return out;
}

/** The extractor for an explicit file: by name first, then by content for renamed files. */
export function detectFile(path: string, extractors: readonly Extractor[]): Extractor | undefined {
  const head = readHead(path);
  const byName = extractors.find((ex) => ex.detect(path, head));
  if (byName) return byName;
  const id = sniff(head);
  return id ? extractors.find((ex) => ex.id === id) : undefined;
}

/** Recognize a renamed lockfile from its first bytes. */
export function sniff(head: string): string | undefined {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{')) {
    if (/"bomFormat"\s*:\s*"CycloneDX"/.test(t)) return 'cyclonedx';
    if (/"spdxVersion"\s*:/.test(t)) return 'spdx';
    // bun.lock has a lockfileVersion too, but its "workspaces" is an object (package-lock's is an array).
    if (/"lockfileVersion"\s*:/.test(t) && /"workspaces"\s*:\s*\{/.test(t)) return 'bun-lock';
    if (/"lockfileVersion"\s*:/.test(t)) return 'package-lock';
    return undefined;
  }
  if (/^# yarn lockfile v1/m.test(t)) return 'yarn-classic';
  if (/^__metadata:/m.test(t)) return 'yarn-berry';
  if (/^lockfileVersion:/m.test(t)) return 'pnpm-lock';
  // A dpkg status file under another name (a copy from a host, `status-web01`...): RFC 822 stanzas.
  if (/^Package: \S/.test(t) && /^Status: \S+ \S+ \S+/m.test(t)) return 'dpkg-status';
  return undefined;
}

export const displayName = (path: string): string => basename(path);
