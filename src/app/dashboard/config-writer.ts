/**
 * Adds a suppression to a project's vigil.config.json, keeping every other key as it was. The file is
 * written to a temporary name in the same directory and renamed over the old one, so a reader (or a
 * scan starting now) sees the old file or the new one, never half of it. The result is validated
 * with the same parser scans use before anything is written.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { CONFIG_FILE } from '../../core/config.js';
import { VigilError } from '../../core/errors.js';
import { parseSuppressions } from '../../engine/suppressions.js';

/** A suppression as written by the dashboard: the scan's fields plus who added it and when. */
export interface WrittenSuppression {
  rule: string;
  subject: string;
  reason: string;
  expires?: string;
  by: string;
  at: string;
}

/** The config file that applies to a scanned target (a directory, or a file in one). */
export function configPathFor(targetPath: string): string {
  let dir: string;
  try {
    dir = statSync(targetPath).isDirectory() ? targetPath : dirname(targetPath);
  } catch {
    throw new VigilError('E_INPUT_NOT_FOUND', `the project ${targetPath} is not on this machine any more`, {
      hint: `add the suppression to its ${CONFIG_FILE} by hand, or scan it again from where it lives`,
    });
  }
  return join(dir, CONFIG_FILE);
}

export function readConfigObject(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new VigilError('E_CONFIG', `not valid JSON (${(e as Error).message}); not changed`, { file: path });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new VigilError('E_CONFIG', 'must be a JSON object; not changed', { file: path });
  return raw as Record<string, unknown>;
}

export function appendSuppression(path: string, added: WrittenSuppression | WrittenSuppression[]): void {
  const config = readConfigObject(path);
  const list = config['suppressions'] === undefined ? [] : config['suppressions'];
  if (!Array.isArray(list)) throw new VigilError('E_CONFIG', '"suppressions" must be an array; not changed', { file: path });
  const next = { ...config, suppressions: [...(list as unknown[]), ...[added].flat()] };
  parseSuppressions(next.suppressions, path);
  const tmp = join(dirname(path), `.${CONFIG_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { flag: 'wx', mode: 0o644 });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new VigilError('E_OUTPUT', `cannot write ${path}: ${(e as Error).message}`, { file: path, cause: e });
  }
}
