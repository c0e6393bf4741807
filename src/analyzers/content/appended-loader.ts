/**
 * An appended loader: risky code added after a minified bundle (flatmap-stream 0.1.1 appended an
 * encrypted-payload loader to the end of its minified index). Signal: in a file with minified
 * lines (most of the first 90% on long lines), a top-level statement that starts in the last 10% of the file uses two or more risky
 * capabilities that appear nowhere in the first 90%.
 */
import type { AstNode } from './js-parse.js';
import type { RawCap, RawSignal } from './scan-types.js';
import type { CapabilityKind } from './types.js';
import type { LineIndex } from './text-utils.js';

const RISKY: ReadonlySet<CapabilityKind> = new Set([
  'dynamic-require',
  'decode',
  'crypto-decipher',
  'vm',
  'eval',
  'child-process',
  'env-serialize',
  'network',
]);

export function detectAppendedLoader(ast: AstNode, text: string, caps: RawCap[], lines: LineIndex): RawSignal | undefined {
  const body = ast.body as AstNode[] | undefined;
  if (!body || body.length < 2 || text.length < 2000) return undefined;
  if (lines.maxLineLength() < 1000) return undefined;
  const cut = Math.floor(text.length * 0.9);
  // The bundle must be minified (most of it on long lines): a hand-written or pretty-printed file
  // with one long table line is not a bundle something could be hidden at the end of.
  if (lines.longLineShare(cut) < 0.5) return undefined;
  const risky = (c: RawCap): boolean => RISKY.has(c.kind) && !(c.kind === 'eval' && c.detail === 'literal');
  const before = new Set(caps.filter((c) => risky(c) && c.offset < cut).map((c) => c.kind));
  for (const stmt of body) {
    if (stmt.start < cut) continue;
    const inside = caps.filter((c) => risky(c) && c.offset >= stmt.start && c.end <= stmt.end);
    const fresh = new Set(inside.map((c) => c.kind).filter((k) => !before.has(k)));
    if (fresh.size >= 2) {
      return {
        technique: 'appended-loader',
        line: lines.line(stmt.start),
        excerpt: lines.excerpt(stmt.start),
        detail: `code appended after the minified bundle uses ${[...fresh].sort().join(', ')}`,
      };
    }
  }
  return undefined;
}
