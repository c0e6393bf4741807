/**
 * Dev tool (not part of the product): convert saved mail-archive pages (msgNNNNN.html, as in the
 * public XZ-Attack research dataset) into one mbox, so `vigil discuss` can read them. The pages carry
 * sender name, date, subject, Message-ID, body and the thread slice; addresses are not shown, so the
 * From header holds only the display name.
 * Usage: tsx test/discussion/tools/mail-archive-to-mbox.ts DIR > out.mbox
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENT[e] ?? m;
  });
const strip = (s: string): string => decode(s.replace(/<[^>]*>/g, ''));

interface Page {
  file: string;
  subject: string;
  sender: string;
  date: string;
  msgid: string;
  body: string;
  parentFile?: string;
}

function parsePage(file: string, html: string): Page | undefined {
  const msgid = /name="msgid" value="([^"]*)"/.exec(html)?.[1];
  if (!msgid) return undefined;
  const subject = strip(/<span itemprop="name">([\s\S]*?)<\/span>/.exec(html)?.[1] ?? '');
  const sender = strip(/itemprop="author"[\s\S]*?itemprop="name">([\s\S]*?)<\/span>/.exec(html)?.[1] ?? '');
  const date = strip(/<span class="date">([\s\S]*?)<\/span>/.exec(html)?.[1] ?? '');
  const bodyHtml = /<div itemprop="articleBody" class="msgBody">([\s\S]*?)<div class="msgButtons/.exec(html)?.[1] ?? '';
  const body = strip(bodyHtml.replace(/<\/pre><pre>/g, '\n').replace(/<!--[\s\S]*?-->/g, '')).replace(/^\n+/, '');
  // Thread slice: the parent is the nearest earlier item one level shallower than the current one.
  const slice = /<div class="tSliceList[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  const stack: (string | undefined)[] = [];
  let depth = 0;
  let parentFile: string | undefined;
  for (const m of slice.matchAll(
    /<ul|<\/ul>|<li class="icons-email( tSliceCur)?">(?:<span class="subject">(?:<a href="(msg\d+\.html)">)?)?/g,
  )) {
    if (m[0] === '<ul') depth++;
    else if (m[0] === '</ul>') depth--;
    else {
      stack[depth] = m[2];
      stack.length = depth + 1;
      if (m[1]) {
        parentFile = depth > 1 ? stack[depth - 1] : undefined;
        break;
      }
    }
  }
  return { file, subject, sender, date, msgid, body, parentFile };
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: mail-archive-to-mbox DIR');
const pages = readdirSync(dir)
  .filter((f) => /^msg\d+\.html$/.test(f))
  .sort()
  .map((f) => parsePage(f, readFileSync(join(dir, f), 'utf8')))
  .filter((p): p is Page => !!p);
const byFile = new Map(pages.map((p) => [p.file, p]));
const out: string[] = [];
for (const p of pages) {
  const parent = p.parentFile ? byFile.get(p.parentFile) : undefined;
  out.push(`From mail-archive ${p.file}`);
  out.push(`From: ${p.sender.replace(/[\r\n]/g, ' ')}`, `Date: ${p.date}`, `Subject: ${p.subject}`, `Message-ID: <${p.msgid}>`);
  if (parent) out.push(`In-Reply-To: <${parent.msgid}>`);
  out.push(`X-Archived-At: ${p.file}`, 'Content-Type: text/plain; charset=utf-8', '');
  for (const line of p.body.split('\n')) out.push(/^>*From /.test(line) ? '>' + line : line);
  out.push('');
}
process.stdout.write(out.join('\n'));
