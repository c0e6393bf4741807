/** Build a catalogue from extracted package trees (used by scripts/build-m4-catalogue.ts, and tests). */
import { m4Digest, m4Serial, normalizeM4 } from './normalize.js';
import type { MacroCatalogue, MacroTexts } from './types.js';

export interface CollectedMacro {
  /** Base file name (`build-to-host.m4`). */
  name: string;
  text: string;
  /** `package version`. */
  from: string;
}

/**
 * Group by name, dedupe by content digest. `keepText(name, from)` selects the canonical texts kept
 * for diff evidence (the catalogue itself holds only hashes).
 */
export function collectMacros(
  macros: CollectedMacro[],
  sources: string[],
  keepText: (m: CollectedMacro) => boolean = () => false,
  generated = new Date().toISOString(),
): { catalogue: MacroCatalogue; texts: MacroTexts } {
  const out: MacroCatalogue = { schema: 1, generated, sources: [...sources].sort(), macros: {} };
  const texts: MacroTexts = {};
  for (const m of macros) {
    const sha256 = m4Digest(m.text);
    const list = (out.macros[m.name] ??= []);
    const hit = list.find((v) => v.sha256 === sha256);
    if (hit) {
      if (!hit.from.includes(m.from)) hit.from.push(m.from);
    } else list.push({ serial: m4Serial(m.text) ?? '', sha256, from: [m.from] });
    if (keepText(m)) texts[sha256] = normalizeM4(m.text);
  }
  const sorted: MacroCatalogue['macros'] = {};
  for (const k of Object.keys(out.macros).sort()) sorted[k] = out.macros[k]!.map((v) => ({ ...v, from: v.from.sort() }));
  out.macros = sorted;
  return { catalogue: out, texts };
}
