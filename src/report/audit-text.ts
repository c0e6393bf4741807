/** Terminal text of an audit check: violations, then the next reviews (cheapest, most important first). */
import type { AuditReport } from '../audit/index.js';

function kb(bytes: number | undefined): string {
  if (bytes === undefined) return 'size unknown';
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KB`;
}

export function renderAuditText(r: AuditReport, o: { limit?: number } = {}): string {
  const out: string[] = [];
  const viaImport = r.covered.filter((i) => i.coverage.status === 'covered' && i.coverage.chain.some((e) => e.origin !== 'local')).length;
  const count = (how: string) => r.covered.filter((i) => i.coverage.status === 'covered' && i.coverage.how === how).length;
  out.push(`Audits: ${r.dir}  (policy: ${r.policy.criteria}; dev-only dependencies: ${r.policy.devCriteria})`);
  out.push(
    `  ${r.checked} dependency versions: ${r.covered.length} covered (${count('full')} full audit, ${count('delta-chain')} delta chain, ${count('exemption')} exemption; ${viaImport} through imports), ${r.unaudited.length} unaudited, ${r.violations.length} violated`,
  );
  if (r.violations.length > 0) {
    out.push('', 'Violations (reported unsafe)');
    for (const i of r.violations) {
      if (i.coverage.status !== 'violated') continue;
      for (const v of i.coverage.violations) {
        out.push(
          `  HIGH  ${i.package}@${i.version} fails ${i.required}: violation ${v.range} [${v.criteria.join(', ')}] by ${v.who} (${v.origin === 'local' ? 'this project' : `import ${v.origin}`})${v.notes ? ` — ${v.notes}` : ''}`,
        );
      }
      if (i.coverage.coveredBy.length > 0)
        out.push(`        conflict: also certified by ${i.coverage.coveredBy.map((e) => `${e.who} (${e.origin})`).join(', ')}`);
    }
  }
  if (r.unaudited.length > 0) {
    const limit = o.limit ?? r.unaudited.length;
    out.push('', 'Unaudited — next reviews, cheapest and most important first');
    r.unaudited.slice(0, limit).forEach((s, n) => {
      const what = s.kind === 'delta' ? `delta ${s.from} → ${s.version}` : `full audit of ${s.version}`;
      out.push(
        `  ${String(n + 1).padStart(3)}. ${s.package}  ${what}  (${kb(s.reviewBytes)}, needs ${s.required}${s.dev ? ', dev only' : ''})`,
      );
      out.push(`       ${s.command}`);
    });
    if (r.unaudited.length > limit) out.push(`  … and ${r.unaudited.length - limit} more (--format json lists all)`);
  }
  if (r.expiredExemptions.length > 0) {
    out.push('', 'Expired exemptions (no longer count)');
    for (const x of r.expiredExemptions) out.push(`  ${x.package}@${x.version} expired ${x.expires}: ${x.reason}`);
  }
  if (r.unusedExemptions.length > 0) {
    out.push('', 'Unused exemptions (no dependency uses these versions; remove them)');
    for (const x of r.unusedExemptions) out.push(`  ${x.package}@${x.version}: ${x.reason}`);
  }
  if (r.unfetchedImports.length > 0) out.push('', `Imports not fetched (run \`vigil audit fetch\`): ${r.unfetchedImports.join(', ')}`);
  out.push(
    '',
    r.passed
      ? 'Result: PASS — every dependency is audited, exempted or imported, and none is violated.'
      : `Result: FAIL — ${[r.violations.length ? `${r.violations.length} violated` : '', r.unaudited.length ? `${r.unaudited.length} unaudited` : '', r.unfetchedImports.length ? `${r.unfetchedImports.length} imports not fetched` : ''].filter(Boolean).join(', ')}.`,
  );
  return `${out.join('\n')}\n`;
}
