/**
 * The shared core of `verify` and the scan analyzer: given artifact files and a local clone, find
 * the ref, classify every file, judge the differences and summarize. Throws E_INPUT_NOT_FOUND when
 * no ref can be found; everything else becomes findings and problems.
 */
import { VigilError } from '../../core/errors.js';
import type { Finding, Problem } from '../../core/types.js';
import type { PackageFiles } from '../../sources/archive/types.js';
import { loadMacroCatalogue, loadMacroTexts } from '../../sources/macros/catalogue.js';
import type { MacroCatalogue } from '../../sources/macros/types.js';
import { classifyFiles } from './classify.js';
import { judgeArtifact } from './judge.js';
import { analyzeContent } from '../content/analyzer.js';
import { toProblem } from '../../core/errors.js';
import { guessRef } from './ref-guess.js';
import { assertRepository, readSourceTree } from './source-tree.js';
import type { Explanation, FileClass, FileVerdict, VerifySummary } from './types.js';

export interface CompareSourceInput {
  subject: string;
  kind: 'tarball' | 'npm' | 'deb';
  files: PackageFiles;
  /** Local git repository. */
  source: string;
  ref?: string;
  name?: string;
  version?: string;
  gitHead?: string;
  blobCap?: number;
  catalogueDir?: string;
}

export interface CompareSourceOutput {
  findings: Finding[];
  problems: Problem[];
  summary: VerifySummary;
}

export function summarize(subject: string, source: VerifySummary['source'], verdicts: FileVerdict[]): VerifySummary {
  const counts: Record<FileClass, number> = {
    identical: 0,
    'eol-only': 0,
    different: 0,
    'only-artifact': 0,
    'only-source': 0,
    unchecked: 0,
  };
  const explained: Partial<Record<Explanation, number>> = {};
  const macros: Record<string, number> = {};
  const s: VerifySummary = { artifact: subject, source, counts, explained, unexplained: [], macros, eolOnly: [], different: [] };
  for (const v of verdicts) {
    counts[v.class]++;
    if (v.macro) macros[v.macro.status] = (macros[v.macro.status] ?? 0) + 1;
    if (v.class === 'only-artifact') {
      if (v.explained) explained[v.explained] = (explained[v.explained] ?? 0) + 1;
      else s.unexplained.push(v.path);
    }
    if (v.class === 'eol-only') s.eolOnly.push(v.path);
    if (v.class === 'different') s.different.push(v.path);
  }
  return s;
}

export async function compareWithSource(i: CompareSourceInput): Promise<CompareSourceOutput> {
  const problems: Problem[] = [];
  await assertRepository(i.source);
  let ref = i.ref;
  let how = 'given with --ref';
  if (!ref) {
    const g = await guessRef(i.source, i.version, i.name, i.gitHead);
    if (!g.found) {
      throw new VigilError(
        'E_INPUT_NOT_FOUND',
        `${i.source}: no tag matches ${i.version ? `version ${i.version}` : 'the artifact (its version is unknown)'}`,
        {
          subject: i.subject,
          hint: `tried ${g.tried.slice(0, 8).join(', ')}${g.tried.length > 8 ? ', …' : ''}; pass --ref TAG`,
        },
      );
    }
    ref = g.found.ref;
    how = g.found.how;
  }
  const tree = await readSourceTree(i.source, ref);
  const classified = await classifyFiles(i.files, tree, i.blobCap ?? 32 * 1024 * 1024);
  problems.push(...classified.problems);
  let catalogue: MacroCatalogue | undefined;
  try {
    catalogue = loadMacroCatalogue(i.catalogueDir);
  } catch (e) {
    problems.push({ code: 'E_CONFIG', message: (e as Error).message, subject: i.subject });
  }
  const texts = (): ReturnType<typeof loadMacroTexts> | undefined => {
    try {
      return loadMacroTexts(i.catalogueDir);
    } catch (e) {
      problems.push({ code: 'E_CONFIG', message: (e as Error).message, subject: i.subject });
      return undefined;
    }
  };
  const judged = judgeArtifact({ subject: i.subject, kind: i.kind, classified, ...(catalogue ? { catalogue } : {}), texts });
  // What nobody reviewed (changed files, unexplained additions) also goes through the content
  // analyzers: obfuscated JS, payload loaders, install-time exfiltration.
  const unreviewed = new Set(
    judged.verdicts.filter((v) => v.class === 'different' || (v.class === 'only-artifact' && !v.explained)).map((v) => v.path),
  );
  const subset = i.files.files.filter((f) => unreviewed.has(f.path) && f.data);
  if (subset.length) {
    try {
      const content = await analyzeContent(
        { origin: i.files.origin, files: subset, skipped: [], totalSize: subset.reduce((n, f) => n + f.size, 0) },
        i.subject,
      );
      judged.findings.push(...content.findings);
    } catch (e) {
      problems.push(toProblem(e, i.subject));
    }
  }
  const a = classified.alignment;
  const source = {
    repo: i.source,
    ref,
    commit: tree.commit,
    how,
    prefix: a.repoPrefix || a.artifactStrip ? `${a.artifactStrip}→${a.repoPrefix}` : '',
  };
  return { findings: judged.findings, problems, summary: summarize(i.subject, source, judged.verdicts) };
}
