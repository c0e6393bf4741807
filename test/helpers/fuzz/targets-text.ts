/**
 * Fuzz targets for the text formats read from the network or from disk besides inventories: Debian
 * control files (Packages, InRelease), mbox archives and single MIME messages, issue exports, OSV.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseControl } from '../../../src/formats/debian/control.js';
import { parseRelations } from '../../../src/formats/debian/relations.js';
import { parseRelease } from '../../../src/sources/debian/release.js';
import { buildSuiteGraph, digestPackageGraph } from '../../../src/sources/debian/suite-graph.js';
import { DEFAULT_LIMITS, parseIssueExport, parseMessage, readDiscussions } from '../../../src/sources/discussions/index.js';
import { addJsonText, emptyOutcome } from '../../../src/sources/osv/read.js';
import { ContractBroken, placedProblems, typedOnly } from './contract.js';
import type { FuzzTarget } from './types.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures');
const read = (...rel: string[]): Buffer[] => rel.map((r) => readFileSync(join(FIX, r)));
const mboxes = (): Buffer[] =>
  read('discussion/healthy-list/tidy.mbox', 'discussion/hostile/broken-encodings.mbox', 'discussion/hostile/malformed.mbox');

let scratch: string | undefined;
function scratchFile(name: string, b: Buffer): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'vigil-fuzz-'));
  const p = join(scratch, name);
  writeFileSync(p, b);
  return p;
}
process.on('exit', () => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

export const TEXT_TARGETS: FuzzTarget[] = [
  {
    name: 'debian-packages',
    seeds: () => [
      gunzipSync(readFileSync(join(FIX, 'debian/archive-mini/dists/bookworm/main/binary-amd64/Packages.gz'))),
      ...read('advisories/debian-index/Packages'),
    ],
    run(input) {
      const text = input.toString('utf8');
      for (const s of parseControl(text, {
        onIssue: (i) => {
          if (!(i.line >= 1)) throw new ContractBroken(`control issue without a line: ${i.message}`);
        },
      })) {
        parseRelations(s.fields.depends);
        parseRelations(s.fields['pre-depends']);
      }
      buildSuiteGraph(digestPackageGraph(text));
    },
  },
  {
    name: 'debian-inrelease',
    seeds: () => read('debian/archive-mini/dists/bookworm/InRelease'),
    run(input) {
      const r = parseRelease(input.toString('utf8'));
      for (const [path, d] of r.sha256) if (!/^[0-9a-f]{64}$/.test(d.sha256) || !path) throw new ContractBroken(`bad index entry ${path}`);
    },
  },
  {
    name: 'mbox',
    seeds: mboxes,
    async run(input) {
      const file = scratchFile('fuzz.mbox', input);
      const r = await readDiscussions([file]);
      placedProblems(r.problems);
    },
  },
  {
    name: 'mime-message',
    seeds: () => mboxes().map((b) => b.subarray(b.indexOf('\n') + 1)),
    async run(input) {
      await typedOnly({ file: 'fuzz.eml', line: true }, () =>
        parseMessage(input, { file: 'fuzz.eml', line: 1, format: 'mbox' }, DEFAULT_LIMITS),
      );
    },
  },
  {
    name: 'issue-export',
    seeds: () =>
      read(
        'discussion/github-export/issues.json',
        'discussion/github-export/comments.json',
        'discussion/hostile/missing-fields.json',
        'discussion/hostile/truncated-export.json',
      ),
    run(input) {
      placedProblems(parseIssueExport('fuzz.json', input.toString('utf8'), DEFAULT_LIMITS).problems);
    },
  },
  {
    name: 'osv',
    seeds: () => read('advisories/folder-of-records/CVE-2099-0001.json', 'advisories/folder-of-records/nested/array.json'),
    run(input) {
      const out = emptyOutcome();
      addJsonText(out, input.toString('utf8'), { file: 'fuzz.json' });
      placedProblems(out.problems);
    },
  },
];
