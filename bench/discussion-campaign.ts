/**
 * Pressure-campaign detection on real mailing lists, without the incident's words. For each
 * public-inbox archive given: (1) the real list alone (false alarms); (2) the list plus an injected
 * campaign — new, single-purpose senders in a three-week burst, replying to the maintainer's last
 * thread, pushing for a new maintainer and endorsing one newcomer, in wording written for this
 * bench (none of it quotes the 2022 xz-devel threads); (3) the same sentences from established list
 * members spread over two years (identity and timing removed); (4) new senders in a burst writing
 * neutral messages (pressure wording removed). Detection should fire on (2) only.
 * Usage: node --import tsx bench/discussion-campaign.ts ARCHIVE [ARCHIVE...]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discuss } from '../src/app/discuss.js';
import type { ScanResult } from '../src/core/result.js';

const PRESSURE = [
  'It has been a long time since anything landed here. Is anyone still maintaining this project at all?',
  'Honestly the project needs a more active maintainer. Why not add a co-maintainer with push access so patches stop piling up?',
  'Patches sit for months on this list. At this rate nothing will ever get merged. Time to hand the project over to someone with more time.',
  'The users deserve better than this. Please let someone else take over before everyone moves to a fork.',
  'Kim has been reviewing and fixing things for weeks; give Kim commit access, Kim is de facto maintainer already.',
];
const NEUTRAL = [
  'Thanks for the release. I built it on my machine and the tests pass.',
  'Small question: is the configuration file documented somewhere? I could not find it.',
  'I see the same warning on my system; it looks harmless.',
  'Would a test for this case be welcome? I can write one next week.',
  'Thanks, that answers my question.',
];

interface Identity {
  name: string;
  email: string;
}
interface Injected {
  from: Identity;
  date: Date;
  text: string;
  subject: string;
  inReplyTo?: string;
}

function mbox(msgs: Injected[]): string {
  return msgs
    .map((m, i) => {
      const d = m.date.toUTCString().replace('GMT', '+0000');
      return `From ${m.from.email} ${m.date.toUTCString()}\nFrom: ${m.from.name} <${m.from.email}>\nDate: ${d}\nSubject: ${m.subject}\nMessage-ID: <inject-${i}@bench.example.invalid>\n${m.inReplyTo ? `In-Reply-To: ${m.inReplyTo}\nReferences: ${m.inReplyTo}\n` : ''}Content-Type: text/plain; charset=utf-8\n\n${m.text}\n\n`;
    })
    .join('');
}

const DAY = 86_400_000;
const summary = (r: ScanResult): string => {
  const by = new Map<string, string>();
  for (const f of r.findings) if (!by.has(f.rule) || f.severity === 'high' || f.severity === 'critical') by.set(f.rule, f.severity);
  return by.size ? [...by].map(([k, v]) => `${k.replace('discussion/', '')}=${v}`).join(', ') : 'no findings';
};

for (const archive of process.argv.slice(2)) {
  const t = performance.now();
  const base = await discuss([archive]);
  const facts = base.facts.discussion as {
    archive: { messages: number; end: string };
    maintainers: string[];
    identities: { addresses: string[]; names: string[]; messages: number; maintainer?: boolean; lastMessage: string }[];
  };
  console.log(
    `${archive}\n  real list: ${facts.archive.messages} messages, maintainers ${facts.maintainers.join(', ')} — ${summary(base)} (${Math.round((performance.now() - t) / 1000)} s)`,
  );
  const end = new Date(facts.archive.end).getTime();
  const start = end - 60 * DAY;
  const subject = 'Re: project status';
  const fresh = (i: number): Identity => ({
    name: ['Robin Vale', 'Sasha Korb', 'Dana Whitlock'][i]!,
    email: `${['rvale', 'skorb', 'dwhit'][i]}${i}@mail.example.invalid`,
  });
  const established = facts.identities
    .filter((x) => !x.maintainer && x.messages >= 20)
    .slice(0, 3)
    .map((x) => ({ name: x.names[0] ?? x.addresses[0]!, email: x.addresses[0]! }));
  const campaign: Injected[] = [];
  const control: Injected[] = [];
  const neutral: Injected[] = [];
  PRESSURE.forEach((text, i) => {
    campaign.push({ from: fresh(i % 3), date: new Date(start + i * 4 * DAY), text, subject });
    control.push({
      from: established[i % Math.max(1, established.length)]!,
      date: new Date(start - (PRESSURE.length - i) * 150 * DAY),
      text,
      subject: `Re: thread ${i}`,
    });
    neutral.push({ from: fresh(i % 3), date: new Date(start + i * 4 * DAY), text: NEUTRAL[i]!, subject });
  });
  const dir = mkdtempSync(join(tmpdir(), 'vigil-campaign-bench-'));
  try {
    for (const [name, msgs] of [
      ['campaign (new senders, burst, pressure)', campaign],
      ['same words, established senders, spread over years', control],
      ['new senders, burst, neutral words', neutral],
    ] as const) {
      const file = join(dir, 'inject.mbox');
      writeFileSync(file, mbox(msgs));
      const r = await discuss([archive, file]);
      console.log(`  + ${name}: ${summary(r)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
