/** Sections drawn from command-specific facts, and "what is missing". Absent data → no section. */
import type { ReportViewModel } from '../../src/report/view-model.js';
import { badge, h, section, table } from './dom.js';

export function fundingSection(vm: ReportViewModel): HTMLElement | null {
  const f = vm.funding;
  if (!f) return null;
  const budget =
    f.budget !== undefined ? `Budget ${f.budget}${f.currency ? ` ${f.currency}` : ''}${f.period ? ` per ${f.period}` : ''}.` : null;
  return section(
    'funding',
    'Funding plan',
    budget ? h('p', null, budget) : null,
    f.rows.length ? table(f.rows, 'Shares') : null,
    f.unfunded.length
      ? h(
          'div',
          null,
          h('h3', null, `Critical components with no funding channel (${f.unfunded.length})`),
          h(
            'ul',
            null,
            f.unfunded.map((u) => h('li', null, u)),
          ),
        )
      : null,
  );
}

export function debianSection(vm: ReportViewModel): HTMLElement | null {
  if (vm.privilegedPaths.length === 0 && vm.privilegedLoad.length === 0) return null;
  return section(
    'privileged',
    'Privileged paths (Debian)',
    h('p', null, 'Chains from a privileged service to the libraries it loads: a library on such a path is as exposed as the service.'),
    h(
      'ol',
      { class: 'paths' },
      vm.privilegedPaths
        .slice(0, 500)
        .map((p) =>
          h(
            'li',
            { class: 'dep-path' },
            p.root && p.root !== p.path[0] ? `${p.root}: ` : '',
            p.path.join(' › '),
            p.reason ? h('span', { class: 'muted' }, ` — ${p.reason}`) : null,
          ),
        ),
    ),
    vm.privilegedPaths.length > 500 ? h('p', { class: 'muted' }, `…and ${vm.privilegedPaths.length - 500} more in the JSON report.`) : null,
    vm.privilegedLoad.length ? [h('h3', null, 'People carrying packages on these paths'), table(vm.privilegedLoad)] : null,
  );
}

export function affectedSection(vm: ReportViewModel): HTMLElement | null {
  if (vm.affected.length === 0) return null;
  const a = vm.affectedAdvisory;
  return section(
    'affected',
    'Am I affected?',
    a
      ? h(
          'p',
          null,
          h('strong', null, a.id),
          a.malicious ? h('span', { class: 'tag tag-bad' }, 'malicious') : null,
          a.summary ? ` — ${a.summary}` : '',
        )
      : null,
    table(vm.affected),
  );
}

export function missingSection(vm: ReportViewModel): HTMLElement {
  const s = vm.suppressions;
  const nothing = vm.problems.length + vm.unavailable.length + vm.skipped.length + s.unused.length + s.expired.length === 0;
  return section(
    'missing',
    'What is missing',
    nothing ? h('p', null, 'Nothing: every check ran.') : null,
    vm.problems.length
      ? [
          h('h3', null, `Problems (${vm.problems.length})`),
          table(vm.problems as unknown as Record<string, unknown>[], undefined, ['code', 'message', 'subject', 'file', 'line', 'hint']),
        ]
      : null,
    vm.skipped.length ? [h('h3', null, `Skipped analyzers (${vm.skipped.length})`), table(vm.skipped)] : null,
    vm.unavailable.length
      ? h(
          'details',
          null,
          h('summary', null, `Checks a source could not serve (${vm.unavailable.length})`),
          table(vm.unavailable.slice(0, 500) as unknown as Record<string, unknown>[]),
        )
      : null,
    s.unused.length
      ? [h('h3', null, `Unused suppressions (${s.unused.length})`), table(s.unused as unknown as Record<string, unknown>[])]
      : null,
    s.expired.length
      ? [h('h3', null, `Expired suppressions (${s.expired.length})`), table(s.expired as unknown as Record<string, unknown>[])]
      : null,
  );
}

export function campaignsSection(vm: ReportViewModel): HTMLElement | null {
  if (vm.campaigns.length === 0) return null;
  return section(
    'campaigns',
    'Pressure campaigns',
    h(
      'p',
      null,
      'Newcomers pressing maintainers to hand over or add a co-maintainer: the social engineering that preceded the xz-utils takeover.',
    ),
    vm.campaigns.map((c) =>
      h(
        'div',
        { class: 'campaign' },
        h(
          'h3',
          null,
          c.severity ? badge(c.severity) : null,
          ' ',
          c.id,
          c.start ? h('span', { class: 'muted' }, ` ${c.start.slice(0, 10)} – ${(c.end ?? '').slice(0, 10)}`) : null,
        ),
        h(
          'p',
          null,
          h('strong', null, 'Accounts: '),
          c.members.join(', ') || '—',
          c.endorsed.length ? [h('strong', null, ' · pushed for: '), c.endorsed.join(', ')] : null,
        ),
        c.features.length
          ? h(
              'ul',
              null,
              c.features.map((f) => h('li', null, f)),
            )
          : null,
        c.timeline.length ? h('details', null, h('summary', null, `Messages (${c.timeline.length})`), table(c.timeline)) : null,
      ),
    ),
  );
}
