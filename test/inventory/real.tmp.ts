import { loadInventory } from '../../src/inventory/registry.js';
for (const p of process.argv.slice(2)) {
  const t0 = performance.now();
  try {
    const r = await loadInventory(p);
    const inv = r.inventory;
    const byCode: Record<string, number> = {};
    for (const x of inv.problems) byCode[x.code] = (byCode[x.code] ?? 0) + 1;
    console.log(p, r.chosen.format, 'roots', inv.roots.length, 'components', inv.components.length, 'edges', inv.edges.length, 'dev', inv.components.filter(c => c.dev).length, 'problems', JSON.stringify(byCode), (performance.now() - t0).toFixed(0) + 'ms');
    for (const x of inv.problems.slice(0, 6)) console.log('   ', x.line, x.message.slice(0, 160));
    const noLine = inv.components.filter(c => !c.locations[0]?.line).length;
    console.log('   components without line:', noLine, 'sample', inv.components.slice(0, 2).map(c => c.purl + ' ' + JSON.stringify(c.locations)));
  } catch (e) { console.log(p, 'ERROR', (e as Error).message); }
}
