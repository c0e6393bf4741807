/**
 * Pure planning checks that passed, remembered for the exact inputs they read. A warm project's
 * `npm install` presents the same package.json and lockfile run after run; checking that they agree
 * is ~25 ms of cold code on every guarded install, a lookup is one stat.
 *
 * A pass is an empty file named by a sha256 over the check's name, vigil's version, the content hash
 * of the code that decides (principle 13) and the inputs as parsed (re-serialized, so the bytes hashed
 * are the ones checked). Only passes are kept: a failure sends the plan to npm, which costs far more
 * than the check. A folder that cannot be read or written only means "not remembered".
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeHash } from '../../core/code-hash.js';
import { VERSION } from '../../core/version.js';
import { pruneOldest } from './memo-dir.js';

export interface CheckMemo {
  passed(key: string): boolean;
  remember(key: string): void;
}

/** Passes kept per folder; beyond it the oldest go (a project's lockfile changes with every install). */
export const CHECK_MEMO_KEEP = 256;

export function checkKey(check: string, code: readonly string[], inputs: readonly unknown[]): string {
  const h = createHash('sha256').update(`${check}\0${VERSION}\0${codeHash(code)}`);
  for (const input of inputs) h.update('\0').update(JSON.stringify(input) ?? 'undefined');
  return h.digest('hex');
}

export function fileCheckMemo(dir: string): CheckMemo {
  return {
    passed: (key) => existsSync(join(dir, key)),
    remember: (key) => {
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, key), '');
        pruneOldest(dir, CHECK_MEMO_KEEP, /^[0-9a-f]{64}$/);
      } catch {
        /* not remembered: checked again next time */
      }
    },
  };
}
