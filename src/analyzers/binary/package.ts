/**
 * The ELF files of one package (npm tarball, .deb data, directory) → BinaryFacts + findings.
 * Files are recognised by magic bytes; files the archive layer truncated are listed as unreadable
 * (their tables lie past the kept bytes), never half-analysed silently.
 */
import type { Finding, Problem } from '../../core/types.js';
import type { PackageFiles } from '../../sources/archive/types.js';
import { ElfFormatError, isElf } from '../../sources/elf/index.js';
import { analyzeElf } from './analyze-elf.js';
import type { BinaryFacts } from './facts.js';
import { fileFindings, type BinaryContext } from './findings.js';

export function binaryFacts(files: PackageFiles): BinaryFacts {
  const out: BinaryFacts = { files: [], unreadable: [], elfBytes: 0 };
  for (const f of files.files) {
    if (f.linkTarget !== undefined) continue;
    const bytes = f.data ?? f.head;
    if (!isElf(bytes)) continue;
    if (!f.data) {
      out.unreadable.push({
        path: f.path,
        reason: `ELF file of ${f.size} bytes is larger than the archive read cap: only its first ${f.head?.length ?? 0} bytes were kept`,
        tooLarge: f.size,
      });
      continue;
    }
    try {
      out.files.push(analyzeElf(f.path, f.data, { size: f.size }));
      out.elfBytes += f.data.length;
    } catch (e) {
      if (!(e instanceof ElfFormatError)) throw e;
      out.unreadable.push({ path: f.path, reason: e.message });
    }
  }
  return out;
}

export function binaryFindings(facts: BinaryFacts, ctx: BinaryContext): Finding[] {
  return facts.files.flatMap((f) => fileFindings(f, ctx));
}

export function binaryProblems(facts: BinaryFacts, subject: string): Problem[] {
  return facts.unreadable.map((u) => ({
    code: 'E_ARCHIVE',
    subject,
    file: u.path,
    message: `${u.path}: ELF file not analysed: ${u.reason}`,
    ...(u.tooLarge && u.tooLarge < 512 * 1048576
      ? {
          hint: `run again with --max-file-mb ${Math.ceil(u.tooLarge / 1048576)} to analyse it (the file is then held in memory while its package is analysed)`,
        }
      : {}),
  }));
}

/** Facts, findings and problems for one package. */
export function analyzeBinaries(files: PackageFiles, ctx: BinaryContext): { facts: BinaryFacts; findings: Finding[]; problems: Problem[] } {
  const facts = binaryFacts(files);
  return { facts, findings: binaryFindings(facts, ctx), problems: binaryProblems(facts, ctx.subject) };
}

/** package.json of an npm package, when present and parseable (for the platform checks). */
export function npmManifestOf(files: PackageFiles): BinaryContext['manifest'] {
  const pj = files.files.find((f) => f.path === 'package.json')?.data;
  if (!pj) return undefined;
  try {
    const m = JSON.parse(pj.toString('utf8')) as unknown;
    return m && typeof m === 'object' ? (m as BinaryContext['manifest']) : undefined;
  } catch {
    return undefined;
  }
}
