/**
 * Entry point of the dashboard (`vigil serve`). Pages by URL hash: `#/` projects, `#/project/ID`
 * (the report of its latest scan drawn by the same mount() as report.html, with triage controls,
 * its scans over time and its audit trail), `#/component/PURL`, `#/fleet` (fleet-page.ts). The
 * alert feed is on every page and fills live from the server's event stream.
 */
import type { ScanPoint } from '../../src/app/dashboard/projects.js';
import type { ReportViewModel } from '../../src/report/view-model.js';
import { getJson } from './api.js';
import { alertFeed } from './alert-feed.js';
import { componentPage } from './component-page.js';
import { fleetPage } from './fleet-page.js';
import { clear, h, section, shortDate, table } from './dom.js';
import { hooks } from './hooks.js';
import { mount } from './mount.js';
import { trendSection } from './trend.js';
import { triageForm } from './triage.js';

interface Project {
  id: string;
  path: string;
  command: string;
  lastScanAt: string;
  summary: { findings: Record<string, number>; suppressed: number; components: number };
}

// A plain container: the project page's report brings its own <main> (mount.ts); the other pages add one.
const main = h('div', { id: 'page' });
const notice = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'notice' });

async function projectsPage(): Promise<void> {
  const { projects } = await getJson<{ projects: Project[] }>('/api/projects');
  clear(main);
  main.append(
    h(
      'main',
      null,
      h('h1', null, 'Projects'),
      section(
        'projects',
        'Scanned projects',
        projects.length
          ? h(
              'ul',
              { class: 'project-list' },
              projects.map((p) =>
                h(
                  'li',
                  null,
                  h('a', { href: `#/project/${p.id}` }, p.path),
                  ` — ${p.command}, ${shortDate(p.lastScanAt)}: `,
                  ['critical', 'high', 'medium', 'low'].map((s) => `${p.summary.findings[s] ?? 0} ${s}`).join(', '),
                ),
              ),
            )
          : h('p', { class: 'empty' }, 'No scans stored yet: run vigil scan on a project, then reload.'),
      ),
    ),
  );
}

const componentLink = (purl: string, label: string): HTMLElement =>
  h('a', { href: `#/component/${encodeURIComponent(purl)}`, class: 'component-link' }, label);

/** The report's filter controls, kept across a redraw after a triage action. */
function rememberFilters(): () => void {
  const ids = ['finding-search', 'finding-severity', 'finding-rule'];
  const saved = ids.map((id) => (document.getElementById(id) as HTMLInputElement | null)?.value);
  return () =>
    ids.forEach((id, i) => {
      const el = document.getElementById(id) as HTMLInputElement | null;
      if (el && saved[i] !== undefined && el.value !== saved[i]) {
        el.value = saved[i];
        el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input'));
      }
    });
}

async function projectPage(id: string): Promise<void> {
  const restore = rememberFilters();
  const [project, view, audit] = await Promise.all([
    getJson<{ path: string; scans: ScanPoint[] }>(`/api/projects/${id}`),
    getJson<{ view: ReportViewModel }>(`/api/projects/${id}/view`),
    getJson<{ audit: Record<string, string>[] }>(`/api/triage/audit?project=${id}`),
  ]);
  hooks.findingActions = (f) =>
    h(
      'div',
      { class: 'finding-actions' },
      f.subject.startsWith('pkg:') ? h('p', null, componentLink(f.subject, `Component page of ${f.subject}`)) : null,
      triageForm(f, id, (message) => {
        notice.textContent = message;
        void projectPage(id);
      }),
    );
  hooks.componentActions = (c) => componentLink(c.purl, 'Component page');
  const report = h('div', { class: 'project-report' });
  clear(main);
  main.append(
    trendSection(project.scans, project.path),
    report,
    section(
      'audit',
      'Triage audit',
      audit.audit.length
        ? table(
            audit.audit.map((a) => ({
              when: shortDate(a.at),
              who: a.by,
              action: a.action,
              rule: a.rule,
              subject: a.subject,
              why: a.reason,
              expires: a.expires ?? '',
            })),
          )
        : h('p', { class: 'empty' }, 'No triage decisions yet.'),
    ),
  );
  mount(report, view.view);
  // The report's skip link goes first on the page (a skip link is only useful before everything else).
  document.querySelectorAll('#app > a.skip').forEach((a) => a.remove());
  const skip = report.querySelector('a.skip');
  if (skip) document.getElementById('app')?.prepend(skip);
  restore();
}

async function route(): Promise<void> {
  const hash = location.hash.replace(/^#\/?/, '');
  const [kind, ...rest] = hash.split('/');
  const arg = rest.join('/');
  // The project page moves its report's skip link to the top; no other page has its target.
  document.querySelectorAll('#app > a.skip').forEach((a) => a.remove());
  try {
    if (kind === 'project' && arg) await projectPage(arg);
    else if (kind === 'component' && arg) await componentPage(main, decodeURIComponent(arg));
    else if (kind === 'fleet') await fleetPage(main, (m) => (notice.textContent = m));
    else await projectsPage();
  } catch (e) {
    clear(main);
    main.append(h('main', null, h('p', { class: 'warn' }, `Could not load this page: ${(e as Error).message}`)));
  }
}

function start(): void {
  const app = document.getElementById('app');
  if (!app) return;
  clear(app);
  app.append(
    // Not a <header>: the project page's report has its own banner.
    h(
      'nav',
      { class: 'dash-head', 'aria-label': 'Dashboard' },
      h(
        'p',
        { class: 'dash-title' },
        h('a', { href: '#/' }, 'vigil dashboard'),
        ' · ',
        h('a', { href: '#/' }, 'Projects'),
        ' · ',
        h('a', { href: '#/fleet' }, 'Fleet and jobs'),
      ),
      notice,
    ),
    h('div', { class: 'dash-layout' }, main, alertFeed()),
  );
  window.addEventListener('hashchange', () => void route());
  window.addEventListener('vigil-scan', () => {
    if (location.hash.replace(/^#\/?/, '') === '') void route();
  });
  void route();
}

start();
