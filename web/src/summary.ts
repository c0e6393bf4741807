/** Summary: counts by severity, what changed since the last scan, and the top risks. */
import type { ReportViewModel } from '../../src/report/view-model.js';
import { badge, h, plural, section, SEVERITY_ORDER, shortDate } from './dom.js';

export function summarySection(vm: ReportViewModel, openComponent: (i: number) => void): HTMLElement {
  const s = vm.summary;
  const ch = vm.changes;
  const list = (title: string, xs: string[]): HTMLElement | null =>
    xs.length
      ? h(
          'details',
          null,
          h('summary', null, `${title} (${xs.length})`),
          h(
            'ul',
            null,
            xs.slice(0, 200).map((x) => h('li', null, x)),
          ),
        )
      : null;
  return section(
    'summary',
    'Summary',
    h(
      'ul',
      { class: 'cards' },
      h('li', { class: 'card' }, h('span', { class: 'n' }, s.components), ' components'),
      SEVERITY_ORDER.map((sev) => h('li', { class: `card card-${sev}` }, h('span', { class: 'n' }, s.findings[sev]), ' ', badge(sev))),
      h('li', { class: 'card' }, h('span', { class: 'n' }, s.suppressed), ' suppressed'),
      h(
        'li',
        { class: 'card' },
        h('a', { href: '#missing' }, h('span', { class: 'n' }, s.problems), s.problems === 1 ? ' problem' : ' problems'),
      ),
    ),
    ch
      ? h(
          'div',
          { class: unchanged(ch) ? 'changes changes-none' : 'changes' },
          h('h3', null, `Since the last scan (${shortDate(ch.previousAt)})${unchanged(ch) ? ': nothing changed' : ''}`),
          h(
            'p',
            null,
            `${plural(ch.newFindings.length, 'new finding')}, ${ch.resolvedFindings.length} resolved${ch.suppressedFindings?.length ? `, ${ch.suppressedFindings.length} newly suppressed` : ''}; ${plural(ch.newComponents.length, 'component')} added, ${ch.removedComponents.length} removed, ${plural(ch.changedVersions.length, 'version change')}.`,
          ),
          list('Added components', ch.newComponents),
          list('Removed components', ch.removedComponents),
          list(
            'Changed versions',
            ch.changedVersions.map((c) => `${c.name}: ${c.from} → ${c.to}`),
          ),
        )
      : null,
    vm.components.length ? h('h3', null, 'Top risks') : null,
    !vm.components.length
      ? null
      : vm.topRisks.length
        ? h(
            'ol',
            { class: 'top-risks' },
            vm.topRisks.map((i) => {
              const c = vm.components[i]!;
              const live = c.findings.filter((f) => !vm.findings[f]!.suppressed);
              const worst = live[0] !== undefined ? vm.findings[live[0]]!.title : undefined;
              return h(
                'li',
                null,
                c.maxSeverity ? badge(c.maxSeverity) : null,
                ' ',
                h(
                  'button',
                  { type: 'button', class: 'link', 'data-component': i, onclick: () => openComponent(i) },
                  `${c.name}@${c.version}`,
                ),
                live.length ? ` — ${live.length} finding${live.length > 1 ? 's' : ''}` : '',
                worst ? h('span', { class: 'muted' }, `: ${worst}`) : null,
                c.scores ? h('span', { class: 'muted' }, ` (suspicion ${+c.scores.suspicion.toFixed(2)})`) : null,
              );
            }),
          )
        : h('p', null, 'Nothing stands out.'),
  );
}

/** Nothing new, resolved, suppressed, added, removed or changed: the box is shown plain, not highlighted. */
function unchanged(ch: NonNullable<ReportViewModel['changes']>): boolean {
  return [
    ch.newFindings,
    ch.resolvedFindings,
    ch.suppressedFindings ?? [],
    ch.newComponents,
    ch.removedComponents,
    ch.changedVersions,
  ].every((xs) => xs.length === 0);
}
