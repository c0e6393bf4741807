/**
 * A content worker's explicit collections without losing its optimised code. V8's optimised code
 * checks object shapes (maps) and is thrown away when a collection finds no object of a shape it
 * checked. A worker collects after a large package, when nothing of any analysis is alive: the
 * shapes of syntax-tree nodes, of the passes' state and of the facts all died, and the parser, the
 * passes and the facts code were optimised again after each such collection (hundreds of compiles
 * per scan on V8's helper threads). Here the collection runs while the facts of a small built-in
 * package are alive (its syntax tree and the passes' state kept by code-keeper.ts, its facts kept
 * here) and while a parse is in progress (collectDuringParse).
 *
 * The package is ordinary code with most of the syntax real packages use; it is only read (parsed
 * and scanned, as every analysed file), never run.
 */
import type { PackageFiles } from '../../sources/archive/types.js';
import { contentFacts } from './facts.js';
import { collectDuringParse } from './js-parse.js';
import type { ContentFacts } from './types.js';

const INDEX_JS = `import { join } from 'node:path';
import * as os from 'node:os';
export const helper = (x) => join(os.tmpdir(), String(x));
export default async function main(argv = process.argv.slice(2)) {
  const { default: dyn } = await import('./lib.js');
  return argv.map((a) => dyn?.load?.(a)).filter(Boolean);
}
export { helper as alias };
export * from './lib.js';
const fs = require('fs');
const path = require('node:path');
const { readFileSync, existsSync: exists = () => false } = require('fs');
const http = require('http');
const util = require('./lib');
const LIMIT = 10, NAME = "exemplar", RE = /^[a-z]+\\d*$/i;
let counter = 0;
var legacy = void 0;
function load(file, ...rest) {
  if (!exists(file)) return null;
  const text = readFileSync(path.join(__dirname, file), 'utf8');
  return JSON.parse(text.trim() || '{}', rest[0]);
}
async function* pages(list) {
  for await (const item of list) yield item;
}
class Store extends Map {
  #size = 0;
  static create(opts = {}) {
    return new Store(opts);
  }
  constructor({ limit = LIMIT, ...others } = {}) {
    super();
    this.limit = limit;
    this.others = others;
  }
  get size2() {
    return this.#size;
  }
  set size2(v) {
    this.#size = v;
  }
  async fetchOne(key) {
    const res = await fetch(\`http://localhost:\${process.env.PORT ?? 8080}/items/\${encodeURIComponent(key)}\`);
    return res.ok ? res.json() : undefined;
  }
}
const store = Store.create({ limit: 3 });
const conf = { name: NAME, nested: { deep: [1, 2, 3] }, ['computed' + counter]: true, method() { return this.name; } };
const copy = { ...conf, extra: conf?.nested?.deep?.[0] ?? null };
const [first, , third = 3, ...others] = copy.nested.deep;
const mode = process.env.NODE_ENV === 'production' ? 'prod' : 'dev';
const home = process.env.HOME || '';
for (const k in conf) if (Object.prototype.hasOwnProperty.call(conf, k)) counter += 1;
for (let i = 0; i < LIMIT; i++) {
  if (i % 2 === 0) continue;
  counter = counter + i * 2 - (i >> 1);
}
while (counter > 1000) counter--;
do { counter++; } while (counter < 0);
label: for (const x of [first, third, ...others]) {
  switch (typeof x) {
    case 'number':
      break label;
    default:
      counter += x instanceof Object ? 1 : 0;
  }
}
try {
  load('data.json', (k, v) => (k === 'n' ? Number(v) : v));
} catch (e) {
  counter = -1;
} finally {
  legacy = !legacy && counter !== 0;
}
const tag = (strings, ...values) => strings.raw.join('|') + values.length;
const tagged = tag\`a\${1}b\${mode}c\`;
const req = http.get({ host: 'localhost', port: 8080, path: '/health' }, (res) => {
  let body = '';
  res.on('data', (chunk) => (body += chunk));
  res.on('end', function () {
    store.set('health', body);
    fs.writeFileSync(path.resolve(home, 'cache', 'health.txt'), body);
  });
});
req.end();
if (RE.test(NAME) && !(delete conf.extra) && typeof window !== 'undefined') new Promise((resolve) => setTimeout(resolve, 1));
module.exports = { load, pages, Store, store, copy, tagged, mode, util: util.helper, seq: (a, b) => (a, b) };
`;

const MANIFEST = JSON.stringify({
  name: 'exemplar',
  version: '1.0.0',
  main: 'index.js',
  bin: { exemplar: 'index.js' },
  scripts: { postinstall: 'node index.js', test: 'node --test' },
});

function exemplarPackage(): PackageFiles {
  const file = (p: string, text: string) => {
    const data = Buffer.from(text, 'utf8');
    return { path: p, size: data.length, data };
  };
  const files = [file('index.js', INDEX_JS), file('package.json', MANIFEST)];
  return { origin: 'exemplar', files, skipped: [], totalSize: files.reduce((s, f) => s + f.size, 0) };
}

/** The exemplar's facts, alive until the next collection (what they hold keeps the facts' shapes). */
let kept: ContentFacts | undefined;

/** Runs `collect` (a full collection) while the shapes of a whole analysis are alive. */
export function collectKeepingShapes(collect: () => void): void {
  kept = contentFacts(exemplarPackage());
  collectDuringParse(collect);
}

/** The exemplar's facts (for tests: the package must exercise the passes it is there for). */
export function exemplarFacts(): ContentFacts {
  return (kept ??= contentFacts(exemplarPackage()));
}
