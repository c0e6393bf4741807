/**
 * `verify`: does the shipped artifact match the reviewed source? Library entry point; the CLI only
 * parses arguments. Returns a ScanResult with the findings and facts['verify'][subject] (summary).
 */
import { VigilError } from '../../core/errors.js';
import type { ScanResult } from '../../core/result.js';
import { finalizeResult, newResult } from '../../core/result-builder.js';
import type { Problem } from '../../core/types.js';
import { loadMacroCatalogue, loadMacroTexts } from '../../sources/macros/catalogue.js';
import type { MacroCatalogue } from '../../sources/macros/types.js';
import { classifyFiles } from './classify.js';
import { judgeArtifact } from './judge.js';
import { loadArtifact, type LoadArtifactOptions } from './load-artifact.js';
import { guessRef } from './ref-guess.js';
import { readSourceTree } from './source-tree.js';
import type { Explanation, FileClass, VerifySummary } from './types.js';

export interface VerifyOptions extends LoadArtifactOptions {
  /** Path of a local git repository (untrusted: read with the safe git runner). */
  source: string;
  /** Tag, branch or commit; guessed from the version when absent. */
  ref?: string;
  /** Largest repository blob read for a comparison (default 32 MiB). */
  blobCap?: number;
  /** Catalogue folder (default: the shipped data/m4-catalogue). */
  catalogueDir?: string;
  offline?: boolean;
}

export const VERIFY_FACTS = 'verify';

function summarize(subject: string, source: VerifySummary['source'], verdicts: ReturnType<typeof judgeArtifact>['verdicts']): VerifySummary {
  const counts: Record<FileClass, number> = { identical: 0, 'eol-only': 0, different: 0, 'only-artifact': 0, 'only-source': 0, unchecked: 0 };
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

export async function verifyArtifact(artifact: string, o: VerifyOptions): Promise<ScanResult> {
  const result = newResult('verify', artifact);
  result.offline = o.offline === true;
  const art = await loadArtifact(artifact, o);
  result.findings.push(...art.findings);
  result.problems.push(...art.problems, ...(art.files.problems ?? []));
  // Over-cap files are reported once, by the classification (as unchecked).
  for (const s of art.files.skipped.filter((x) => !/only the first \d+ bytes kept/.test(x.reason))) result.problems.push({ code: 'E_ARCHIVE', subject: art.subject, file: s.path, message: `${art.subject}: ${s.path} skipped: ${s.reason}` });
  let how: string;
  let ref = o.ref;
  if (ref) how = 'given with --ref';
  else {
    const g = await guessRef(o.source, art.version, art.name, art.gitHead);
    if (!g.found) {
      throw new VigilError('E_INPUT_NOT_FOUND', `${o.source}: no tag matches ${art.version ? `version ${art.version}` : 'the artifact (its version is unknown)'}`, {
        subject: art.subject,
        hint: `tried ${g.tried.slice(0, 8).join(', ')}${g.tried.length > 8 ? ', …' : ''}; pass --ref TAG`,
      });
    }
    ref = g.found.ref;
    how = g.found.how;
  }
  const tree = await readSourceTree(o.source, ref);
  const classified = await classifyFiles(art.files, tree, o.blobCap ?? 32 * 1024 * 1024);
  result.problems.push(...classified.problems);
  let catalogue: MacroCatalogue | undefined;
  try {
    catalogue = loadMacroCatalogue(o.catalogueDir);
  } catch (e) {
    result.problems.push({ code: 'E_CONFIG', message: (e as Error).message, subject: art.subject });
  }
  const texts = (): ReturnType<typeof loadMacroTexts> | undefined => {
    try {
      return loadMacroTexts(o.catalogueDir);
    } catch (e) {
      result.problems.push({ code: 'E_CONFIG', message: (e as Error).message, subject: art.subject } satisfies Problem);
      return undefined;
    }
  };
  const judged = judgeArtifact({ subject: art.subject, kind: art.kind, classified, ...(catalogue ? { catalogue } : {}), texts });
  result.findings.push(...judged.findings);
  const source = { repo: o.source, ref, commit: tree.commit, how, prefix: classified.alignment.repoPrefix || classified.alignment.artifactStrip ? `${classified.alignment.artifactStrip}→${classified.alignment.repoPrefix}` : '' };
  result.facts[VERIFY_FACTS] = { [art.subject]: { ...summarize(art.subject, source, judged.verdicts), ...(Object.keys(art.facts).length ? { artifactFacts: art.facts } : {}) } };
  return finalizeResult(result);
}
