/**
 * A component's page in the dashboard: for each version in use, readable sections — where it is
 * used, versions, people, scores, funding, findings — then the versions each project had over its
 * scans, its alerts, and (collapsed) every fact as recorded. The sections come from the server's
 * component profile (src/app/dashboard/component-profile.ts); nothing is guessed here.
 */
import type { ComponentPage as Page, ComponentUse } from '../../src/app/dashboard/components.js';
import type { ComponentProfile } from '../../src/app/dashboard/component-profile.js';
import { getJson } from './api.js';
import { badge, clear, fmt, h, section, shortDate, table, type Child } from './dom.js';

/** A definition list of label → value pairs; empty values are left out. */
function facts(pairs: [string, Child | Child[]][], cls: string): HTMLElement {
  return h(
    'dl',
    { class: `facts ${cls}` },
    pairs
      .filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
      .flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );
}

function unknowns(list: string[]): HTMLElement | null {
  return list.length
    ? h(
        'ul',
        { class: 'unknown' },
        list.map((u) => h('li', null, `Unknown — ${u}`)),
      )
    : null;
}

function sub(title: string, cls: string, ...children: (Child | Child[])[]): HTMLElement {
  return h('section', { class: `sub ${cls}` }, h('h4', null, title), ...children);
}

function versionsView(p: ComponentProfile): HTMLElement {
  const v = p.versions;
  if (!v) return sub('Versions', 'versions', h('p', { class: 'empty' }, 'No registry metadata was recorded for this component.'));
  const standing: Record<string, string> = {
    latest: 'the latest release',
    behind: `behind the latest (${v.latest ?? '?'})`,
    ahead: `ahead of the latest (${v.latest ?? '?'})`,
    'not on the registry': 'not listed by the registry',
  };
  return sub(
    'Versions',
    'versions',
    facts(
      [
        ['In use', [h('code', null, v.inUse), v.standing ? ` — ${standing[v.standing]}` : '']],
        ['Published', v.published ? shortDate(v.published) : ''],
        ['Newest release', v.newestRelease ? `${v.newestRelease.version} (${shortDate(v.newestRelease.published)})` : ''],
        ['Deprecated', v.deprecated ? h('strong', { class: 'warn' }, v.deprecated) : ''],
        ['Dist-tags', Object.entries(v.distTags).flatMap(([t, x], i) => [i ? ', ' : '', h('code', null, `${t}: ${x}`)])],
        ['Read from', v.registry ? `${v.registry}${v.fetchedAt ? ` on ${shortDate(v.fetchedAt)}` : ''}` : ''],
      ],
      'version-facts',
    ),
    unknowns(v.unknown),
  );
}

function peopleView(p: ComponentProfile): HTMLElement {
  const x = p.people;
  return sub(
    'People',
    'people',
    x.people.length
      ? h(
          'ul',
          { class: 'people-list' },
          x.people.map((id) => h('li', null, id)),
        )
      : h('p', { class: 'empty' }, 'No source named anyone carrying this component.'),
    facts(
      [
        ['Read from', x.source ?? ''],
        ['Scoring says', x.explanation ?? ''],
        ['Published by', x.publisher ?? ''],
        ['Release maintainers', x.releaseMaintainers.join(', ')],
      ],
      'people-facts',
    ),
    unknowns(x.unknown),
  );
}

const pct = (n: number): string => `${Math.round(n * 100)}%`;

function scoresView(p: ComponentProfile): HTMLElement {
  const s = p.scores;
  if (!s) return sub('Scores', 'scores', h('p', { class: 'empty' }, 'This scan did not score the component.'));
  return sub(
    'Scores',
    'scores',
    facts(
      [
        ['Criticality', s.criticality.toFixed(2)],
        ['Fragility', s.fragility.toFixed(2)],
        ['Suspicion', s.suspicion.toFixed(2)],
        ['Quadrant', s.quadrant ?? ''],
      ],
      'score-facts',
    ),
    s.factors.length
      ? table(
          [...s.factors]
            .sort((a, b) => a.score.localeCompare(b.score) || b.contribution - a.contribution)
            .map((f) => ({ score: f.score, signal: f.signal, value: f.value, share: pct(f.contribution), why: f.explanation })),
          'What each score is made of',
        )
      : null,
  );
}

function fundingView(p: ComponentProfile): HTMLElement {
  const f = p.funding;
  return sub(
    'Funding',
    'funding',
    f.channels.length
      ? h(
          'ul',
          { class: 'funding-list' },
          // Addresses come from untrusted metadata: shown as text, never as links.
          f.channels.map((c) => h('li', null, `${c.platform.replace(/_/g, ' ')}: `, h('code', null, c.address), ` (${c.source})`)),
        )
      : h('p', { class: 'empty' }, 'The release declares no funding channel.'),
    f.explanation ? h('p', null, f.explanation) : null,
    unknowns(f.unknown),
  );
}

/** A fact value: flat objects as a table, anything else as JSON text (never as markup). */
function rawFact(name: string, v: unknown): HTMLElement {
  const flat =
    v && typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every((x) => x === null || typeof x !== 'object');
  return h(
    'details',
    { class: 'fact' },
    h('summary', null, name),
    flat ? table([v as Record<string, unknown>]) : h('pre', null, fmt(v).slice(0, 20_000)),
  );
}

/** One version in use: its sections, then where it is used and its findings. */
function versionArticle(uses: ComponentUse[]): HTMLElement {
  const u = uses[0]!;
  const findings = uses.flatMap((x) => x.findings.map((f) => ({ f, project: x.project })));
  return h(
    'article',
    { class: 'use', 'data-purl': u.purl },
    h('h3', null, u.version),
    sub(
      'Used in',
      'used-in',
      h(
        'ul',
        null,
        uses.map((x) => h('li', null, h('a', { href: `#/project/${x.project}` }, x.path), x.dev ? ' (dev only)' : '')),
      ),
    ),
    sub(
      'Findings',
      'findings',
      findings.length
        ? h(
            'ul',
            null,
            findings.map(({ f }) => h('li', null, badge(f.severity), ` ${f.title} `, h('span', { class: 'tag' }, f.status))),
          )
        : h('p', { class: 'empty' }, 'No findings.'),
    ),
    versionsView(u.profile),
    peopleView(u.profile),
    scoresView(u.profile),
    fundingView(u.profile),
    h(
      'details',
      { class: 'raw-facts' },
      h('summary', null, 'Every fact as recorded'),
      Object.entries(u.facts).map(([k, v]) => rawFact(k, v)),
    ),
  );
}

/** Versions each project had, as runs: "1.3.0 in 2 scans (from … to …)". */
function historyView(p: Page, paths: Map<string, string>): HTMLElement {
  const rows: Record<string, unknown>[] = [];
  const byProject = new Map<string, Page['history']>();
  for (const x of p.history) byProject.set(x.project, [...(byProject.get(x.project) ?? []), x]);
  for (const [project, list] of byProject) {
    let run: { version: string; from: string; to: string; scans: number } | undefined;
    const flush = () =>
      run && rows.push({ project: paths.get(project) ?? project, version: run.version, scans: run.scans, from: run.from, to: run.to });
    for (const x of list) {
      if (run && run.version === x.version) {
        run.to = shortDate(x.at);
        run.scans++;
      } else {
        flush();
        run = { version: x.version, from: shortDate(x.at), to: shortDate(x.at), scans: 1 };
      }
    }
    flush();
  }
  return rows.length ? table(rows, 'Version in use, scan after scan (oldest first)') : h('p', { class: 'empty' }, 'No stored scans.');
}

export async function componentPage(page: HTMLElement, ref: string): Promise<void> {
  const p = await getJson<Page>(`/api/components/${encodeURIComponent(ref)}`);
  const byPurl = new Map<string, ComponentUse[]>();
  for (const u of p.uses) byPurl.set(u.purl, [...(byPurl.get(u.purl) ?? []), u]);
  const paths = new Map(p.uses.map((u) => [u.project, u.path]));
  const main = h('main');
  clear(page);
  page.append(main);
  main.append(
    h('h1', null, `${p.name} (${p.ecosystem})`),
    section('component', byPurl.size === 1 ? 'Version in use' : `${byPurl.size} versions in use`, [...byPurl.values()].map(versionArticle)),
    section('versions', 'History', historyView(p, paths)),
    section(
      'component-alerts',
      'Alerts',
      p.alerts.length
        ? h(
            'ul',
            null,
            p.alerts.map((a) => h('li', null, badge(a.severity), ` ${a.title} (${shortDate(a.at)})`)),
          )
        : h('p', { class: 'empty' }, 'No alerts.'),
    ),
  );
}
