/**
 * Contributor timeline for history results: who was active when (bubble per person-month), release
 * tags coloured by signing key, flagged commits on their author's row. Tables carry the same data.
 */
import type { HistoryView, TimelineFlag, TimelineTag } from '../../src/report/view-model.js';
import { Chart } from './chart.js';
import { h, section, table } from './dom.js';

const MAX_PEOPLE = 25;
const KEY_COLOURS = ['#57606a', '#0969da', '#8250df', '#bf3989', '#1a7f37', '#9a6700'];

interface Pt {
  x: number;
  y: number;
  r: number;
  c?: number;
  who?: string;
  t?: TimelineTag & { newKey: boolean };
  f?: TimelineFlag;
}

const monthIndex = (ym: string): number => {
  const [y, m] = ym.slice(0, 7).split('-').map(Number);
  return (y ?? 0) * 12 + ((m ?? 1) - 1);
};
/** Month index plus the fraction of the month, so events in one month do not sit on one spot. */
const dayIndex = (iso: string): number => monthIndex(iso) + (Math.min(31, Number(iso.slice(8, 10)) || 1) - 1) / 31;
const monthLabel = (i: number): string => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** Tags annotated with whether their signing key was first seen on them (after an earlier key). */
export function keyChanges(tags: TimelineTag[]): (TimelineTag & { newKey: boolean })[] {
  const seen = new Set<string>();
  return tags.map((t) => {
    const newKey = !!t.signingKey && seen.size > 0 && !seen.has(t.signingKey);
    if (t.signingKey) seen.add(t.signingKey);
    return { ...t, newKey };
  });
}

function repoTimeline(hv: HistoryView, n: number): HTMLElement {
  const people = hv.people.slice(0, MAX_PEOPLE);
  const row = new Map(people.map((p, k) => [p.name, people.length - k]));
  const maxCommits = Math.max(1, ...people.flatMap((p) => p.months.map((m) => m[1])));
  const keys = [...new Set(hv.tags.map((t) => t.signingKey ?? ''))];
  const tags = keyChanges(hv.tags);
  const orphanFlags = hv.flagged.some((f) => !row.has(f.author ?? ''));
  const canvas = h('canvas', {
    id: `timeline-canvas-${n}`,
    role: 'img',
    'aria-label': `Contributor timeline of ${hv.repo}: ${hv.people.length} people, ${hv.tags.length} tags signed with ${keys.filter(Boolean).length} keys, ${hv.flagged.length} flagged commits. The same data is in the tables below.`,
  });
  const wrap = h('div', { class: 'chart-wrap timeline', style: `height:${Math.max(220, people.length * 24 + 90)}px` }, canvas);
  queueMicrotask(() => {
    new Chart(canvas, {
      type: 'bubble',
      data: {
        datasets: [
          {
            label: 'commits',
            data: people.flatMap((p) =>
              p.months.map(([m, c]): Pt => ({
                x: monthIndex(m),
                y: row.get(p.name)!,
                r: 2 + 8 * Math.sqrt(c / maxCommits),
                c,
                who: p.name,
              })),
            ),
            backgroundColor: 'rgba(9,105,218,0.35)',
            borderColor: 'rgba(9,105,218,0.9)',
            order: 3,
          },
          {
            label: 'tags',
            data: tags.map((t): Pt => ({ x: dayIndex(t.date), y: 0, r: t.newKey ? 8 : 5, t })),
            backgroundColor: tags.map((t) => KEY_COLOURS[keys.indexOf(t.signingKey ?? '') % KEY_COLOURS.length]!),
            pointStyle: 'triangle',
            order: 2,
          },
          {
            label: 'flagged commits',
            data: hv.flagged.map((f): Pt => ({ x: dayIndex(f.date), y: row.get(f.author ?? '') ?? 0, r: 6, f })),
            backgroundColor: 'rgba(200,30,30,0.95)',
            borderColor: '#3b0000',
            borderWidth: 1,
            pointStyle: 'rectRot',
            order: 1,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', ticks: { callback: (v) => monthLabel(Number(v)), maxTicksLimit: 12 } },
          y: {
            type: 'linear',
            min: -0.7,
            max: people.length + 0.7,
            ticks: {
              stepSize: 1,
              autoSkip: false,
              callback: (v) => (Number(v) === 0 ? (orphanFlags ? 'tags, flags' : 'tags') : (people[people.length - Number(v)]?.name ?? '')),
            },
          },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => {
                const d = item.raw as Pt;
                if (d.t)
                  return `${d.t.name} ${d.t.date.slice(0, 10)}${d.t.tagger ? ` by ${d.t.tagger}` : ''}${d.t.signingKey ? `, key ${d.t.signingKey}${d.t.newKey ? ' (NEW KEY)' : ''}` : ', unsigned'}`;
                if (d.f) return `${d.f.commit.slice(0, 12)} ${d.f.author ?? ''}: ${d.f.title}`;
                return `${d.who}: ${d.c} commits in ${monthLabel(d.x)}`;
              },
            },
          },
        },
      },
    });
  });
  return h(
    'div',
    { class: 'repo-history' },
    h('h3', null, hv.repo, hv.truckFactor !== undefined ? h('span', { class: 'muted' }, ` — truck factor ${hv.truckFactor}`) : null),
    h(
      'p',
      { class: 'legend' },
      'Bubbles: commits per month. Triangles: tags, coloured by signing key (larger = first tag with a new key). Red diamonds: flagged commits.',
    ),
    wrap,
    h(
      'details',
      null,
      h('summary', null, `People (${hv.people.length})`),
      table(
        hv.people.map((p) => ({
          name: p.name,
          email: p.email ?? '',
          commits: p.commits,
          first: p.first?.slice(0, 10) ?? '',
          last: p.last?.slice(0, 10) ?? '',
          'trust milestones': p.milestones?.join('; ') ?? '',
          flagged: p.flags?.join(', ') ?? '',
        })),
      ),
    ),
    tags.length
      ? h(
          'details',
          null,
          h('summary', null, `Tags and signing keys (${tags.length})`),
          table(
            tags.map((t) => ({
              tag: t.name,
              date: t.date,
              tagger: t.tagger ?? '',
              'signing key': t.signingKey ?? 'unsigned',
              'new key': t.newKey ? 'yes' : '',
            })),
          ),
        )
      : null,
    hv.flagged.length
      ? h(
          'details',
          { open: true },
          h('summary', null, `Flagged commits (${hv.flagged.length})`),
          table(
            hv.flagged.map((f) => ({
              commit: f.commit,
              date: f.date.slice(0, 10),
              author: f.author ?? '',
              severity: f.severity ?? '',
              why: f.title,
            })),
          ),
        )
      : null,
  );
}

export function timelineSection(history: HistoryView[]): HTMLElement | null {
  if (history.length === 0) return null;
  return section(
    'history',
    'Contributor timeline',
    history.map((hv, n) => repoTimeline(hv, n)),
  );
}
