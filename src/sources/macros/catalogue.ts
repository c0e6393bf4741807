/**
 * Load the shipped m4 catalogue and judge one macro file against it. Loading is lazy and memoized;
 * a missing or unreadable catalogue throws E_CONFIG naming the file (callers turn it into a Problem).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dataPath } from '../../core/package-root.js';
import { gunzipSync } from 'node:zlib';
import { VigilError } from '../../core/errors.js';
import { compareSerials, m4Digest, m4Serial } from './normalize.js';
import type { MacroCatalogue, MacroTexts, MacroVerdict, MacroVersion } from './types.js';

export const M4_CATALOGUE_DIR = dataPath('m4-catalogue');

const cache = new Map<string, { cat: MacroCatalogue; texts?: MacroTexts }>();

function readJson<T>(file: string, gz: boolean): T {
  try {
    const raw = readFileSync(file);
    return JSON.parse((gz ? gunzipSync(raw) : raw).toString('utf8')) as T;
  } catch (e) {
    throw new VigilError('E_CONFIG', `${file}: cannot read the m4 macro catalogue: ${(e as Error).message}`, {
      file,
      cause: e,
      hint: 'rebuild it with scripts/build-m4-catalogue.ts (see data/m4-catalogue/README.md)',
    });
  }
}

export function loadMacroCatalogue(dir = M4_CATALOGUE_DIR): MacroCatalogue {
  let hit = cache.get(dir);
  if (!hit) {
    const cat = readJson<MacroCatalogue>(resolve(dir, 'catalogue.json'), false);
    if (cat.schema !== 1 || typeof cat.macros !== 'object')
      throw new VigilError('E_CONFIG', `${dir}/catalogue.json: unknown catalogue schema`, { file: dir });
    hit = { cat };
    cache.set(dir, hit);
  }
  return hit.cat;
}

/** Canonical texts for diffs (absent texts → the diff evidence says so). */
export function loadMacroTexts(dir = M4_CATALOGUE_DIR): MacroTexts {
  loadMacroCatalogue(dir);
  const hit = cache.get(dir)!;
  hit.texts ??= readJson<MacroTexts>(resolve(dir, 'texts.json.gz'), true);
  return hit.texts;
}

function nearestBySerial(versions: MacroVersion[], serial: string | undefined): MacroVersion | undefined {
  if (!versions.length) return undefined;
  if (serial === undefined) return versions[versions.length - 1];
  let best = versions[0]!;
  for (const v of versions) if (v.serial && compareSerials(v.serial, serial) <= 0) best = v;
  return best;
}

/** Judge one macro file by name and content. `name` is the base name (`gettext.m4`). */
export function judgeMacro(cat: MacroCatalogue, name: string, text: string): MacroVerdict {
  const sha256 = m4Digest(text);
  const serial = m4Serial(text);
  const versions = [...(cat.macros[name] ?? [])].sort((a, b) => compareSerials(a.serial || '0', b.serial || '0'));
  const knownSerials = [...new Set(versions.map((v) => v.serial).filter(Boolean))];
  const base = { name, sha256, knownSerials, ...(serial !== undefined ? { serial } : {}) };
  if (!versions.length) return { ...base, status: 'not-catalogued' };
  const exact = versions.find((v) => v.sha256 === sha256);
  if (exact) return { ...base, status: 'canonical', nearest: exact };
  const sameSerial = versions.filter((v) => (v.serial || undefined) === serial);
  if (sameSerial.length) return { ...base, status: 'modified', nearest: sameSerial[sameSerial.length - 1] };
  if (serial === undefined)
    return { ...base, status: knownSerials.length ? 'no-serial' : 'modified', nearest: versions[versions.length - 1] };
  const max = knownSerials[knownSerials.length - 1];
  const status = max === undefined || compareSerials(serial, max) > 0 ? 'unknown-serial' : 'unlisted-serial';
  return { ...base, status, nearest: nearestBySerial(versions, serial) };
}
