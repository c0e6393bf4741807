/**
 * Recall of the binary analyzer on the synthetic technique families of test/fixtures/binary/
 * (compiled with gcc here): each family with the rule and minimum severity it must reach, and the
 * benign controls that must stay at info.
 */
import { analyzeElf } from '../../src/analyzers/binary/analyze-elf.js';
import { fileFindings } from '../../src/analyzers/binary/findings.js';
import { BINARY_RULES as R } from '../../src/analyzers/binary/rules.js';
import { SEVERITIES, type Severity } from '../../src/core/types.js';
import { buildLib, gccMissing } from '../../test/helpers/native-fixtures.js';

const CASES: { family: string; fixture: string; ecosystem: 'deb' | 'npm'; rule?: string; min?: Severity }[] = [
  { family: 'resolver walks the link map', fixture: 'linkmap-v2', ecosystem: 'deb', rule: R.resolverLinker, min: 'high' },
  { family: "resolver patches another object's GOT", fixture: 'gotpatch-v2', ecosystem: 'deb', rule: R.resolverLinker, min: 'high' },
  { family: 'resolver does unrelated work', fixture: 'complex-resolver', ecosystem: 'deb', rule: R.resolverComplex, min: 'medium' },
  {
    family: 'resolver reads the environment, no unwind info',
    fixture: 'asm-resolver-env',
    ecosystem: 'npm',
    rule: R.resolverComplex,
    min: 'medium',
  },
  { family: 'prebuild execs at load', fixture: 'addon-exec', ecosystem: 'npm', rule: R.loadTimeExec, min: 'high' },
  { family: 'benign: CPU dispatch', fixture: 'cpu-dispatch-v2', ecosystem: 'deb' },
  { family: 'benign: CPU dispatch before other code, no unwind info', fixture: 'asm-resolver-benign', ecosystem: 'npm' },
  { family: 'benign: Node addon', fixture: 'addon-benign', ecosystem: 'npm' },
];

export function binaryRecall(): string[] {
  const why = gccMissing();
  if (why) return [`recall: skipped (${why})`];
  const lines: string[] = [];
  let hit = 0;
  let total = 0;
  for (const c of CASES) {
    // The asm- fixtures are x86-64 assembly.
    if (c.fixture.startsWith('asm-') && process.arch !== 'x64') continue;
    for (const strip of [false, true]) {
      const f = fileFindings(analyzeElf(c.fixture, buildLib(c.fixture, { strip })), { subject: c.fixture, ecosystem: c.ecosystem });
      const top = f.reduce((m, x) => Math.max(m, SEVERITIES.indexOf(x.severity)), 0);
      const ok = c.rule
        ? f.some((x) => x.rule === c.rule && SEVERITIES.indexOf(x.severity) >= SEVERITIES.indexOf(c.min!))
        : top <= SEVERITIES.indexOf('info');
      total++;
      if (ok) hit++;
      lines.push(
        `  ${ok ? 'ok  ' : 'MISS'} ${c.family}${strip ? ' (stripped)' : ''}: ${f.map((x) => `${x.rule}:${x.severity}`).join(', ') || 'no finding'}`,
      );
    }
  }
  return [`recall on synthetic technique families: ${hit}/${total}`, ...lines];
}
