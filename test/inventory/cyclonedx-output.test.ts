/** `--format cyclonedx`: the SBOM vigil writes validates against the CycloneDX 1.6 JSON schema. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { newResult, finalizeResult } from '../../src/core/result-builder.js';
import type { Finding } from '../../src/core/types.js';
import { loadInventory } from '../../src/inventory/registry.js';
import { cyclonedxExtractor } from '../../src/inventory/cyclonedx.js';
import { renderCycloneDx } from '../../src/report/cyclonedx.js';
import { fixture, purls } from './helpers.js';

const finding = (subject: string, severity: Finding['severity'], suppressed = false): Finding => ({
  rule: 'npm/install-script',
  severity,
  confidence: 'high',
  subject,
  title: 't',
  evidence: [],
  explanation: 'e',
  analyzer: { id: 'test', version: '1' },
  ...(suppressed ? { suppressed: { reason: 'accepted' } } : {}),
});

async function resultFor(dir: string) {
  const r = newResult('scan', dir);
  r.inventory = (await loadInventory(fixture(dir))).inventory;
  return r;
}

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

describe('renderCycloneDx', () => {
  test('valid CycloneDX 1.6 with purls, graph, hashes, tool metadata and vigil properties', async () => {
    const r = await resultFor('express/npm');
    r.findings.push(
      finding('pkg:npm/express@4.21.2', 'high'),
      finding('pkg:npm/express@4.21.2', 'low'),
      finding('pkg:npm/express@4.21.2', 'critical', true),
    );
    r.facts['scoring'] = {
      'pkg:npm/express@4.21.2': {
        name: 'express',
        version: '4.21.2',
        criticality: 0.82,
        fragility: 3,
        suspicion: 0,
        quadrant: 'critical-fragile',
        factors: [{ id: 'criticality.dependents', value: 1 }],
      },
      'pkg:npm/ms@2.0.0': 7,
    };
    finalizeResult(r);
    const text = renderCycloneDx(r);
    assert.equal(await validator.validate(text), null);
    const bom = JSON.parse(text);
    // the validator is real: a corrupted copy is rejected
    assert.notEqual(await validator.validate(JSON.stringify({ ...bom, components: [{ ...bom.components[0], scope: 'sometimes' }] })), null);
    assert.equal(bom.specVersion, '1.6');
    assert.deepEqual(
      bom.metadata.tools.components.map((c: { name: string }) => c.name),
      ['vigil'],
    );
    assert.equal(bom.metadata.component['bom-ref'], 'root:express-app');
    assert.equal(bom.components.length, r.inventory.components.length);
    const express = bom.components.find((c: { purl: string }) => c.purl === 'pkg:npm/express@4.21.2');
    const props = Object.fromEntries(express.properties.map((p: { name: string; value: string }) => [p.name, p.value]));
    assert.equal(props['vigil:findings:total'], '2'); // the suppressed one does not count
    assert.equal(props['vigil:findings:high'], '1');
    assert.equal(props['vigil:findings:critical'], undefined);
    assert.equal(props['vigil:score:criticality'], '0.82');
    assert.equal(props['vigil:score:fragility'], '3');
    assert.equal(props['vigil:score:suspicion'], '0');
    assert.equal(props['vigil:score:quadrant'], 'critical-fragile');
    assert.equal(props['vigil:score:name'], undefined);
    assert.equal(props['vigil:score:factors'], undefined);
    assert.equal(props['vigil:location'], 'package-lock.json:255');
    assert.equal(express.hashes[0].alg, 'SHA-512');
    const ms = bom.components.find((c: { purl: string }) => c.purl === 'pkg:npm/ms@2.0.0');
    assert.ok(ms.properties.some((p: { name: string; value: string }) => p.name === 'vigil:score' && p.value === '7'));
    const root = bom.dependencies.find((d: { ref: string }) => d.ref === 'root:express-app');
    assert.deepEqual(root.dependsOn, ['pkg:npm/express@4.21.2']);
    const deps = bom.dependencies.find((d: { ref: string }) => d.ref === 'pkg:npm/express@4.21.2');
    assert.ok(deps.dependsOn.includes('pkg:npm/body-parser@1.20.3'));
  });

  test('workspaces, non-npm components and dev scope; the output reads back as the same inventory', async () => {
    for (const dir of ['workspaces/pnpm-v9', 'sbom/mixed-ecosystems-1.6', 'non-registry']) {
      const r = finalizeResult(await resultFor(dir));
      const text = renderCycloneDx(r);
      assert.equal(await validator.validate(text), null, dir);
      const back = await cyclonedxExtractor.extract({ path: '/x/bom.json', displayPath: 'bom.json', text }, {});
      assert.deepEqual(purls(back), purls(r.inventory), dir);
      assert.deepEqual(
        back.roots.map((x) => [x.id, x.path]),
        r.inventory.roots.map((x) => [x.id, x.path]),
        dir,
      );
      const edges = (xs: typeof r.inventory.edges) =>
        xs
          .filter((e) => !e.from.startsWith('root:'))
          .map((e) => `${e.from}>${e.to}`)
          .sort();
      assert.deepEqual(edges(back.edges), edges(r.inventory.edges), dir);
    }
    const ws = JSON.parse(renderCycloneDx(finalizeResult(await resultFor('workspaces/pnpm-v9'))));
    assert.deepEqual(ws.dependencies.find((d: { ref: string }) => d.ref === 'root:ws-root').dependsOn.sort(), [
      'pkg:npm/semver@7.8.6',
      'root:@ws/app',
      'root:@ws/lib',
    ]);
    assert.equal(ws.components.find((c: { purl?: string }) => c.purl === 'pkg:npm/semver@7.8.6').scope, 'excluded');
  });
});
