/** One sentence on platform filtering: which platforms were analysed and what was left out (text renderers). */
import type { ScanResult } from '../core/result.js';

export function platformNote(r: ScanResult): string | undefined {
  const p = r.platform;
  if (!p || p.targets === 'all' || p.skipped.length === 0) return undefined;
  const byPurl = new Map(r.inventory.components.map((c) => [c.purl, `${c.name}@${c.version}`]));
  const names = p.skipped.map((s) => byPurl.get(s.purl) ?? s.purl);
  const shown = names.slice(0, 6).join(', ') + (names.length > 6 ? `, … ${names.length - 6} more` : '');
  return `Platform: analysed what npm installs on ${p.targets.join(', ')}; ${p.skipped.length} optional package(s) for other platforms not analysed (${shown}); --platform or --all-platforms to include them.`;
}
