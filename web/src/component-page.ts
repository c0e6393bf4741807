/** A component's page in the dashboard: where each version is used, what each analyzer recorded, findings, history, alerts. */
import type { ComponentPage as Page } from '../../src/app/dashboard/components.js';
import { getJson } from './api.js';
import { badge, clear, fmt, h, section, shortDate, table } from './dom.js';

/** A fact value: flat objects as a table, anything else as JSON text (never as markup). */
function factView(name: string, v: unknown): HTMLElement {
  const flat =
    v && typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every((x) => x === null || typeof x !== 'object');
  return h(
    'details',
    { class: 'fact' },
    h('summary', null, name),
    flat ? table([v as Record<string, unknown>]) : h('pre', null, fmt(v).slice(0, 20_000)),
  );
}

export async function componentPage(page: HTMLElement, ref: string): Promise<void> {
  const p = await getJson<Page>(`/api/components/${encodeURIComponent(ref)}`);
  const main = h('main');
  clear(page);
  page.append(main);
  main.append(
    section(
      'component',
      `${p.name} (${p.ecosystem})`,
      p.uses.map((u) =>
        h(
          'div',
          { class: 'use' },
          h('h3', null, `${u.version} in `, h('a', { href: `#/project/${u.project}` }, u.path), u.dev ? ' (dev)' : ''),
          u.findings.length
            ? h(
                'ul',
                null,
                u.findings.map((f) => h('li', null, badge(f.severity), ` ${f.title} `, h('span', { class: 'tag' }, f.status))),
              )
            : h('p', { class: 'empty' }, 'No findings.'),
          Object.entries(u.facts).map(([k, v]) => factView(k, v)),
        ),
      ),
    ),
    section('versions', 'Versions over time', table(p.history.map((x) => ({ scan: x.scan, at: shortDate(x.at), version: x.version })))),
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
