/** Stored scan bodies: built in compressed runs, read back as one document, redacted throughout. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { packScanBody } from '../../src/store/scan-body.js';
import { jsonPieces } from '../../src/core/json-pieces.js';
import { redact } from '../../src/core/redact.js';

test('compact pieces concatenate to exactly JSON.stringify, at every split depth', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5 }), fc.integer({ min: 0, max: 5 }), (v, depth) => {
      assert.equal([...jsonPieces(v, depth, 0)].join(''), JSON.stringify(v));
    }),
    { numRuns: 300 },
  );
});

test('a result larger than one compressed run is stored as several gzip members that read back as the whole, with credentials redacted', () => {
  const components = Array.from({ length: 60_000 }, (_, i) => ({
    purl: `pkg:npm/p${i}@1.0.0`,
    resolved: i === 59_999 ? `https://user:s3cret${i}@registry.invalid/p${i}.tgz` : `https://registry.invalid/p${i}.tgz`,
    note: 'x'.repeat(64),
  }));
  const result = { schemaVersion: 1, inventory: { components } };
  const body = packScanBody(result, redact);
  let members = 0;
  for (let i = 0; i + 1 < body.length; i++) if (body[i] === 0x1f && body[i + 1] === 0x8b && body[i + 2] === 8) members++;
  assert.ok(members >= 2, `expected several gzip members, found ${members}`);
  const text = gunzipSync(body).toString('utf8');
  assert.ok(!text.includes('s3cret59999'), 'the credential is redacted');
  const back = JSON.parse(text) as typeof result;
  assert.equal(back.inventory.components.length, 60_000);
  assert.deepEqual(back.inventory.components[123], components[123]);
});
