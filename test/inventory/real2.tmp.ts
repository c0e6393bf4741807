import { loadInventory } from '../../src/inventory/registry.js';
import { renderCycloneDx } from '../../src/report/cyclonedx.js';
import { newResult, finalizeResult } from '../../src/core/result-builder.js';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { cyclonedxExtractor } from '../../src/inventory/cyclonedx.js';
const v = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
for (const p of process.argv.slice(2)) {
  const r = await loadInventory(p);
  const res = newResult('scan', p); res.inventory = r.inventory; finalizeResult(res);
  let t = performance.now();
  const out = renderCycloneDx(res);
  const tr = performance.now() - t; t = performance.now();
  const errs = await v.validate(out);
  const back = await cyclonedxExtractor.extract({ path: '/x/bom.json', displayPath: 'bom.json', text: out }, {});
  console.log(p, 'render', tr.toFixed(0), 'ms', out.length, 'bytes', 'valid', errs === null ? 'yes' : JSON.stringify(errs).slice(0, 300), 'roundtrip comps', back.components.length, '/', r.inventory.components.length, 'edges', back.edges.length, '/', r.inventory.edges.length, 'problems', back.problems.length);
}
