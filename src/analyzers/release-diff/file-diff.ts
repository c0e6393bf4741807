/**
 * File-level diff of two releases: added / removed / changed paths, sizes, whether a given line of
 * the new release is new (not present, trimmed, anywhere in the old version of that file), files
 * added outside the folders the package already used, and a size jump without an explanation.
 */
import type { PackageFile, PackageFiles } from '../../sources/archive/types.js';
import type { FileDiffSummary, Signal } from './types.js';
import { WEIGHTS } from './weights.js';

const LIST_CAP = 100;
/** Top-level folders and files every kind of npm package ships; additions there are unremarkable. */
const USUAL_TOP =
  /^(lib|dist|src|bin|build|es|esm|cjs|umd|types|typings|test|tests|__tests__|docs?|examples?|scripts|locale|locales|assets|styles?|css|fonts|images|img|icons|modules|packages|internal|helpers|utils|fp|compat|node|browser|legacy|\.github)$/i;
const USUAL_FILE =
  /^(package\.json|readme[^/]*|license[^/]*|licence[^/]*|changelog[^/]*|history[^/]*|authors[^/]*|contributing[^/]*|notice[^/]*|security[^/]*|[^/]+\.d\.ts|[^/]+\.(m|c)?js(\.map)?|[^/]+\.json|[^/]+\.md|[^/]+\.ts|\.npmignore|\.editorconfig|\.eslintrc[^/]*|\.travis\.yml)$/i;

export interface FileDiff {
  summary: FileDiffSummary;
  /** Whether line `line` (1-based) of `file` in the new release is absent from the old file. */
  isNewLine(file: string, line: number): boolean | undefined;
}

function same(a: PackageFile, b: PackageFile): boolean {
  if (a.size !== b.size) return false;
  if (a.data && b.data) return a.data.equals(b.data);
  if (a.head && b.head) return a.head.equals(b.head);
  return a.linkTarget === b.linkTarget;
}

export function diffFiles(prev: PackageFiles, cur: PackageFiles): FileDiff {
  const before = new Map(prev.files.map((f) => [f.path, f]));
  const after = new Map(cur.files.map((f) => [f.path, f]));
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;
  for (const [p, f] of after) {
    const o = before.get(p);
    if (!o) added.push(p);
    else if (same(o, f)) unchanged++;
    else changed.push(p);
  }
  for (const p of before.keys()) if (!after.has(p)) removed.push(p);
  [added, removed, changed].forEach((l) => l.sort());
  const oldLines = new Map<string, Set<string>>();
  return {
    summary: {
      added: added.length,
      removed: removed.length,
      changed: changed.length,
      unchanged,
      addedPaths: added.slice(0, LIST_CAP),
      removedPaths: removed.slice(0, LIST_CAP),
      changedPaths: changed.slice(0, LIST_CAP),
      sizeBefore: prev.totalSize,
      sizeAfter: cur.totalSize,
    },
    isNewLine(file, line) {
      const nf = after.get(file);
      if (!nf?.data || line < 1) return undefined;
      const of = before.get(file);
      if (!of) return true;
      if (!of.data) return undefined;
      let set = oldLines.get(file);
      if (!set) {
        set = new Set(
          of.data
            .toString('utf8')
            .split('\n')
            .map((l) => l.trim()),
        );
        oldLines.set(file, set);
      }
      const text = nf.data.toString('utf8').split('\n')[line - 1];
      return text === undefined ? undefined : !set.has(text.trim());
    },
  };
}

/** Added files whose top-level folder the previous release did not use and that are not usual names. */
export function unusualFileSignals(prev: PackageFiles, s: FileDiffSummary): Signal[] {
  const tops = new Set(prev.files.map((f) => f.path.split('/')[0]));
  const odd = s.addedPaths.filter((p) => {
    const parts = p.split('/');
    const top = parts[0] as string;
    if (parts.length === 1) return !USUAL_FILE.test(top);
    return !tops.has(top) && !USUAL_TOP.test(top);
  });
  return odd.slice(0, 3).map((p) => ({
    rule: 'release-diff/unusual-files',
    weight: WEIGHTS.unusualFiles,
    source: 'content' as const,
    title: `file added outside the package's usual folders: ${p}`,
    evidence: [{ kind: 'file' as const, label: 'added file', file: p }],
  }));
}

/** ≥ 3× and ≥ 512 KiB bigger, when not a major release. */
export function sizeJumpSignal(s: FileDiffSummary, bump: string | undefined): Signal[] {
  const grew = s.sizeAfter - s.sizeBefore;
  if (bump === 'major' || s.sizeBefore <= 0 || s.sizeAfter < 3 * s.sizeBefore || grew < 512 * 1024) return [];
  const biggest = s.addedPaths.length ? ` (added: ${s.addedPaths.slice(0, 3).join(', ')})` : '';
  return [
    {
      rule: 'release-diff/size-jump',
      weight: WEIGHTS.sizeJump,
      source: 'content',
      title: `unpacked size grew ${(s.sizeAfter / s.sizeBefore).toFixed(1)}× in a ${bump ?? 'non-major'} release${biggest}`,
      evidence: [{ kind: 'metadata', label: 'unpacked size', field: 'totalSize', before: s.sizeBefore, after: s.sizeAfter }],
    },
  ];
}

/** A patch release that rewrote most of the package (≥ 60% of ≥ 5 files added, removed or changed). */
export function patchRewriteSignal(s: FileDiffSummary, bump: string | undefined, from: string, to: string): Signal[] {
  const total = s.added + s.removed + s.changed + s.unchanged;
  const moved = s.added + s.removed;
  if (bump !== 'patch' || total < 5 || moved / total < 0.6) return [];
  return [
    {
      rule: 'release-diff/version-anomaly',
      weight: WEIGHTS.patchContentRewrite,
      source: 'content',
      title: `patch release ${from} → ${to} replaced ${moved} of ${total} files`,
      evidence: [
        {
          kind: 'metadata',
          label: 'files',
          field: 'files',
          before: s.removedPaths.slice(0, 5),
          after: s.addedPaths.slice(0, 5),
          excerpt: `+${s.added} −${s.removed} ~${s.changed} =${s.unchanged}`,
        },
      ],
    },
  ];
}
