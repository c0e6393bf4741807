/**
 * Draws a report view-model into an element: every section, the navigation and the component
 * dialog. Used by report.html (main.ts) and by the dashboard (dashboard.ts) alike.
 */
import type { ReportViewModel } from '../../src/report/view-model.js';
import { componentsSection } from './components.js';
import { componentDialog } from './detail.js';
import { h, plural, shortDate } from './dom.js';
import { affectedSection, campaignsSection, debianSection, fundingSection, missingSection } from './extras.js';
import { findingsSection } from './findings.js';
import { quadrantSection } from './quadrant.js';
import { summarySection } from './summary.js';
import { timelineSection } from './timeline.js';

export function mount(app: HTMLElement, vm: ReportViewModel, startedAt = performance.now()): void {
  const hook: Record<string, unknown> = { data: vm, startedAt };
  (window as unknown as { vigilReport: Record<string, unknown> }).vigilReport = hook;
  const { dialog, open } = componentDialog(vm);
  // Command-specific views first (they are the point of history, discuss, affected, host, fund),
  // then the general lists.
  const sections = [
    summarySection(vm, open),
    affectedSection(vm),
    quadrantSection(vm, open),
    timelineSection(vm.history),
    campaignsSection(vm),
    debianSection(vm),
    fundingSection(vm),
    findingsSection(vm, open),
    vm.components.length ? componentsSection(vm, open) : null,
    missingSection(vm),
  ].filter((s): s is HTMLElement => s !== null);
  const nav = h(
    'nav',
    { 'aria-label': 'Sections' },
    h(
      'ul',
      null,
      sections.map((s) => h('li', null, h('a', { href: `#${s.id}` }, s.querySelector('h2')?.textContent ?? s.id))),
    ),
  );
  const m = vm.meta;
  app.append(
    h('a', { class: 'skip', href: '#findings' }, 'Skip to findings'),
    h(
      'header',
      null,
      h('h1', null, `vigil ${m.command} report`),
      h(
        'p',
        { class: 'muted' },
        h('code', null, m.target),
        ` · ${shortDate(m.finishedAt)} · vigil ${m.version}`,
        m.offline ? ' · offline run' : '',
        vm.summary.problems ? ` · partial: ${plural(vm.summary.problems, 'problem')}` : '',
      ),
      nav,
    ),
    h('main', null, sections),
    dialog,
  );
  // For tests and diagnostics: when the script began and when the page was drawn (charts included).
  queueMicrotask(() =>
    queueMicrotask(() => {
      hook['readyAt'] = performance.now();
    }),
  );
}
