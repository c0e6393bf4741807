/** Findings grouped by rule (worst severity first), with search and filters that run in the page. */
import type { FindingView, ReportViewModel } from '../../src/report/view-model.js';
import { badge, clear, debounce, h, section, sevRank, SEVERITY_ORDER } from './dom.js';
import { findingDisclosure, findingHaystack } from './finding.js';

const PAGE = 50;

export interface FindingFilter {
  text: string;
  minSeverity: string;
  rule: string;
  showSuppressed: boolean;
  onlyNew: boolean;
}

export function matches(f: FindingView, hay: string, q: FindingFilter): boolean {
  if (f.suppressed && !q.showSuppressed) return false;
  if (q.onlyNew && !f.isNew) return false;
  if (q.rule && f.rule !== q.rule) return false;
  if (sevRank(f.severity) < sevRank(q.minSeverity)) return false;
  return q.text === '' || q.text.split(/\s+/).every((w) => hay.includes(w));
}

export function findingsSection(vm: ReportViewModel, openComponent: (i: number) => void): HTMLElement {
  const hay = vm.findings.map(findingHaystack);
  const ruleInfo = new Map(vm.rules.map((r) => [r.id, r]));
  const rules = [...new Set(vm.findings.map((f) => f.rule))].sort();
  const q: FindingFilter = { text: '', minSeverity: 'info', rule: '', showSuppressed: false, onlyNew: false };

  const search = h('input', { type: 'search', id: 'finding-search', placeholder: 'package, rule, file, text…', autocomplete: 'off' });
  const sev = h(
    'select',
    { id: 'finding-severity' },
    [...SEVERITY_ORDER].reverse().map((s) => h('option', { value: s }, s === 'info' ? 'all' : `${s} and above`)),
  );
  const rule = h(
    'select',
    { id: 'finding-rule' },
    h('option', { value: '' }, 'all rules'),
    rules.map((r) => h('option', { value: r }, r)),
  );
  const supp = h('input', { type: 'checkbox', id: 'finding-suppressed' });
  const onlyNew = h('input', { type: 'checkbox', id: 'finding-new', disabled: !vm.changes });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'finding-count' });
  const list = h('div', { class: 'groups' });

  const render = (): void => {
    q.text = search.value.trim().toLowerCase();
    q.minSeverity = sev.value;
    q.rule = rule.value;
    q.showSuppressed = supp.checked;
    q.onlyNew = onlyNew.checked;
    const groups = new Map<string, number[]>();
    let shown = 0;
    vm.findings.forEach((f, i) => {
      if (!matches(f, hay[i]!, q)) return;
      shown++;
      (groups.get(f.rule) ?? groups.set(f.rule, []).get(f.rule)!).push(i);
    });
    status.textContent = `${shown} of ${vm.findings.length} findings shown`;
    clear(list);
    const ordered = [...groups].sort(
      (a, b) => sevRank(vm.findings[b[1][0]!]!.severity) - sevRank(vm.findings[a[1][0]!]!.severity) || a[0].localeCompare(b[0]),
    );
    for (const [id, idx] of ordered) list.appendChild(group(id, idx));
    if (shown === 0)
      list.appendChild(h('p', { class: 'empty' }, vm.findings.length ? 'No finding matches these filters.' : 'No findings.'));
  };

  const group = (id: string, idx: number[]): HTMLElement => {
    const info = ruleInfo.get(id);
    const counts = SEVERITY_ORDER.map((s) => [s, idx.filter((i) => vm.findings[i]!.severity === s).length] as const).filter(
      ([, n]) => n > 0,
    );
    const body = h('div', { class: 'group-body' });
    let rendered = 0;
    const more = h('button', { type: 'button', class: 'more' });
    const renderMore = (): void => {
      more.remove();
      for (const i of idx.slice(rendered, rendered + PAGE)) body.appendChild(findingDisclosure(vm.findings[i]!, vm, openComponent));
      rendered = Math.min(idx.length, rendered + PAGE);
      if (rendered < idx.length) {
        more.textContent = `Show ${Math.min(PAGE, idx.length - rendered)} more (${idx.length - rendered} left)`;
        body.appendChild(more);
      }
    };
    more.addEventListener('click', renderMore);
    if (info?.meaning)
      body.appendChild(
        h(
          'details',
          { class: 'rule-info' },
          h('summary', null, 'About this rule'),
          h('p', null, info.meaning),
          info.why ? h('p', null, h('strong', null, 'Why: '), info.why) : null,
          info.example ? h('p', null, h('strong', null, 'Example: '), info.example) : null,
          info.suppress ? h('p', null, h('strong', null, 'Suppress: '), info.suppress) : null,
        ),
      );
    const d = h(
      'details',
      { class: 'group', 'data-rule': id },
      h(
        'summary',
        null,
        h('code', null, id),
        info && info.title !== id ? ` ${info.title}` : '',
        ' ',
        counts.map(([s, n]) => h('span', { class: 'count' }, badge(s), ` ${n}`)),
      ),
      body,
    );
    d.addEventListener('toggle', () => {
      if (d.open && rendered === 0) renderMore();
    });
    if (idx.length <= 10 || vm.findings.length <= 30) d.open = true;
    return d;
  };

  for (const el of [sev, rule, supp, onlyNew]) el.addEventListener('change', render);
  search.addEventListener('input', debounce(render));
  render();

  return section(
    'findings',
    'Findings',
    h(
      'div',
      { class: 'controls', role: 'search', 'aria-label': 'Filter findings' },
      h('label', { for: 'finding-search' }, 'Search ', search),
      h('label', { for: 'finding-severity' }, 'Severity ', sev),
      h('label', { for: 'finding-rule' }, 'Rule ', rule),
      h('label', { for: 'finding-suppressed' }, supp, ' show suppressed'),
      h('label', { for: 'finding-new' }, onlyNew, ' only new since last scan'),
    ),
    status,
    list,
  );
}
