import { cyclonedxExtractor } from '../../src/inventory/cyclonedx.js';
import { extractFixture } from './helpers.js';
const inv = await extractFixture(cyclonedxExtractor, 'sbom/mixed-ecosystems-1.6/bom.cdx.json');
console.log(inv.problems, inv.roots, inv.edges.filter(e=>e.from.startsWith('root')));
