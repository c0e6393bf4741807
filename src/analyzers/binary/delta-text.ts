/** Plain-text rendering of a binary delta with the source/changelog delta beside it (terminal report). */
import type { BinaryDelta } from './delta.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

export interface DeltaView {
  delta: BinaryDelta;
  /** What the maintainers say changed: changelog entries between the two versions. */
  source: { kind: string; entries: { version: string; lines: string[] }[]; note?: string };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

export function renderDeltaView(v: DeltaView): string {
  const d = v.delta;
  const lines: string[] = [
    `  ${d.from} → ${d.to}: ${d.pairs.length} ELF file(s) compared, ${d.added.length} added, ${d.removed.length} removed`,
  ];
  for (const p of d.pairs) {
    const grow = p.textBytes.after - p.textBytes.before;
    lines.push(`  ${p.path}${p.previousPath !== p.path ? ` (was ${p.previousPath})` : ''}`);
    lines.push(
      `    code ${kb(p.textBytes.before)} → ${kb(p.textBytes.after)} (${grow >= 0 ? '+' : ''}${kb(grow)}); exports +${p.exportsAdded.length}/-${p.exportsRemoved.length}; imports +${p.importsAdded.length}/-${p.importsRemoved.length}`,
    );
    lines.push(
      `    IFUNC ${p.ifuncs.before} → ${p.ifuncs.after}${p.ifuncs.added.length ? ` (new: ${p.ifuncs.added.slice(0, 5).join(', ')})` : ''}; constructors ${p.constructors.before} → ${p.constructors.after}`,
    );
    if (p.importsAdded.length)
      lines.push(`    new imports: ${p.importsAdded.slice(0, 12).join(', ')}${p.importsAdded.length > 12 ? ', …' : ''}`);
    if (p.neededAdded.length) lines.push(`    new DT_NEEDED: ${p.neededAdded.join(', ')}`);
  }
  for (const a of d.added.slice(0, 10)) lines.push(`  + ${a}`);
  for (const r of d.removed.slice(0, 10)) lines.push(`  - ${r}`);
  lines.push('', `  Source delta (${v.source.kind}):`);
  if (v.source.note) lines.push(`    ${v.source.note}`);
  for (const e of v.source.entries.slice(0, 8)) {
    lines.push(`    ${e.version}`);
    for (const l of e.lines.slice(0, 12)) lines.push(`      ${l}`);
  }
  return lines.join('\n');
}

export const BINARY_DELTA_FACTS = defineFacts<DeltaView>({
  key: 'binary-delta',
  scope: 'result',
  version: 1,
  about: 'vigil diff of two .deb versions: the binary delta beside the changelog',
  is: (v): v is DeltaView => isObj(v) && isObj(v['delta']) && isObj(v['source']),
});
