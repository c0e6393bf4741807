/**
 * Classify every file of the artifact against the source tree. Identity is decided by git blob id
 * (no blob read); only files whose ids differ are read from git, to tell line-ending-only changes
 * from real ones and to give the analyzers both texts.
 */
import type { Problem } from '../../core/types.js';
import type { PackageFile, PackageFiles } from '../../sources/archive/types.js';
import { alignLayout, type Alignment } from './layout.js';
import { gitBlobId, readSourceBlobs, type SourceTree } from './source-tree.js';
import type { FileVerdict } from './types.js';

export interface Classified {
  verdicts: FileVerdict[];
  alignment: Alignment;
  /** Repository blobs read for differing files (path in repo → bytes). */
  sourceTexts: Map<string, Buffer>;
  /** Artifact files by artifact path. */
  artifactFiles: Map<string, PackageFile>;
  problems: Problem[];
}

const stripCr = (b: Buffer): string => b.toString('latin1').replace(/\r\n/g, '\n');

export async function classifyFiles(files: PackageFiles, tree: SourceTree, blobCap: number): Promise<Classified> {
  const problems: Problem[] = [];
  const repoPaths = new Set([...tree.entries.keys()]);
  const all = files.files;
  const alignment = alignLayout(
    all.map((f) => f.path),
    repoPaths,
  );
  const toRepo = (p: string): string | undefined =>
    alignment.artifactStrip && !p.startsWith(alignment.artifactStrip)
      ? undefined
      : alignment.repoPrefix + p.slice(alignment.artifactStrip.length);
  const lowerRepo = new Map<string, string>();
  for (const r of repoPaths) lowerRepo.set(r.toLowerCase(), r);
  const verdicts: FileVerdict[] = [];
  const artifactFiles = new Map<string, PackageFile>();
  const seenRepo = new Set<string>();
  const toRead: { v: FileVerdict; f: PackageFile; oid: string }[] = [];
  const lowerArtifact = new Map<string, string>();

  for (const f of all) {
    artifactFiles.set(f.path, f);
    const other = lowerArtifact.get(f.path.toLowerCase());
    if (other && other !== f.path) {
      problems.push({
        code: 'E_ARCHIVE',
        subject: files.origin,
        file: f.path,
        message: `${files.origin}: ${f.path} and ${other} differ only in letter case; on a case-insensitive file system one replaces the other`,
      });
    } else lowerArtifact.set(f.path.toLowerCase(), f.path);
    const rp = toRepo(f.path);
    const entry = rp === undefined ? undefined : tree.entries.get(rp);
    if (!entry || entry.type !== 'blob') {
      const ci = rp === undefined ? undefined : lowerRepo.get(rp.toLowerCase());
      if (ci && !tree.entries.has(rp!) && tree.entries.get(ci)?.type === 'blob') {
        seenRepo.add(ci);
        verdicts.push({ path: f.path, sourcePath: ci, class: 'different', note: `name case differs from ${ci} in the repository` });
        continue;
      }
      if (entry?.type === 'commit') {
        seenRepo.add(rp!);
        verdicts.push({
          path: f.path,
          sourcePath: rp,
          class: 'unchecked',
          note: 'a git submodule in the repository; its files are not in this tree',
        });
        continue;
      }
      verdicts.push({ path: f.path, class: 'only-artifact' });
      continue;
    }
    seenRepo.add(rp!);
    const v: FileVerdict = { path: f.path, sourcePath: rp!, class: 'identical' };
    verdicts.push(v);
    const repoIsLink = entry.mode === '120000';
    if (f.linkTarget !== undefined) {
      if (f.linkType === 'hardlink') {
        v.class = 'unchecked';
        v.note = `hardlink to ${f.linkTarget} in the archive`;
      } else if (!repoIsLink) {
        v.class = 'different';
        v.note = `symlink -> ${f.linkTarget} in the artifact, a regular file in the repository`;
      } else if (gitBlobId(Buffer.from(f.linkTarget, 'utf8'), tree.hashAlgo) !== entry.oid) {
        v.class = 'different';
        v.note = `symlink -> ${f.linkTarget}; the repository's link points elsewhere`;
      } else v.note = `symlink -> ${f.linkTarget}`;
      continue;
    }
    if (!f.data) {
      v.class = 'unchecked';
      v.note = `${f.size} bytes, over the per-file cap: not compared`;
      problems.push({
        code: 'E_ARCHIVE_LIMIT',
        subject: files.origin,
        file: f.path,
        message: `${files.origin}: ${f.path} (${f.size} bytes) is over the per-file cap and was not compared`,
      });
      continue;
    }
    if (repoIsLink) {
      v.class = 'different';
      v.note = 'a regular file in the artifact, a symlink in the repository';
      continue;
    }
    if (gitBlobId(f.data, tree.hashAlgo) === entry.oid) continue;
    toRead.push({ v, f, oid: entry.oid });
  }

  const sourceTexts = new Map<string, Buffer>();
  if (toRead.length) {
    const read = await readSourceBlobs(
      tree.repo,
      toRead.map((t) => t.oid),
      blobCap,
    );
    const why = new Map(read.unreadable.map((u) => [u.oid, u.reason]));
    for (const { v, f, oid } of toRead) {
      const blob = read.blobs.get(oid);
      if (!blob) {
        v.class = 'unchecked';
        v.note = `differs by blob id; the repository copy could not be read: ${why.get(oid) ?? 'unreadable'}`;
        problems.push({ code: 'E_GIT', subject: `${tree.repo}@${tree.ref}`, file: v.sourcePath, message: `${v.sourcePath}: ${v.note}` });
        continue;
      }
      sourceTexts.set(v.sourcePath!, blob);
      v.class = stripCr(blob) === stripCr(f.data!) ? 'eol-only' : 'different';
    }
  }
  for (const [p, e] of tree.entries) {
    if (seenRepo.has(p) || e.type !== 'blob') continue;
    if (alignment.repoPrefix && !p.startsWith(alignment.repoPrefix)) continue;
    verdicts.push({ path: p.slice(alignment.repoPrefix.length), sourcePath: p, class: 'only-source' });
  }
  return { verdicts, alignment, sourceTexts, artifactFiles, problems };
}
