/**
 * Where guard keeps the analysis of a change set (verdict-memo.ts): one JSON file per key in a folder
 * next to the store, beside guard-checks/. A guarded `npm install` answered from here reads one small
 * file and never loads SQLite (loading better-sqlite3 and vigil's store code costs more CPU than the
 * rest of the lookup). The same trust as the store beside it: whoever can write one can write the other.
 *
 * A file is named by the sha256 of its key and holds the key, so a lookup never serves another key's
 * entry. Writes go to a temporary file renamed into place (a concurrent reader sees the old entry or
 * the new one, never half of one). A missing, unreadable or damaged file is a miss.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pruneOldest } from './memo-dir.js';
import type { MemoStore } from './verdict-memo.js';

/** Entries kept per folder; beyond it the oldest go. */
export const VERDICT_FILES_KEEP = 256;
const ENTRY = /^[0-9a-f]{64}\.json$/;

const fileOf = (dir: string, key: string) => join(dir, `${createHash('sha256').update(key).digest('hex')}.json`);

export function fileVerdictMemo(dir: string): MemoStore {
  return {
    getAnalysis(key) {
      try {
        const doc = JSON.parse(readFileSync(fileOf(dir, key), 'utf8')) as { key?: unknown; value?: unknown };
        return doc && typeof doc === 'object' && doc.key === key ? doc.value : undefined;
      } catch {
        return undefined;
      }
    },
    putAnalysis(key, value) {
      const file = fileOf(dir, key);
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(tmp, JSON.stringify({ key, value }));
        renameSync(tmp, file);
        pruneOldest(dir, VERDICT_FILES_KEEP, ENTRY);
      } catch {
        /* not kept: analysed again next time */
      }
    },
  };
}
