/** The component table: search, filters, sortable columns, paged rows; a name opens the component. */
import type { ComponentView, ReportViewModel } from '../../src/report/view-model.js';
import { badge, clear, debounce, h, section, sevRank } from './dom.js';

const PAGE = 100;
type SortKey = 'name' | 'findings' | 'criticality' | 'fragility' | 'suspicion';

const num = (v: number | undefined): string => (v === undefined ? '' : String(+v.toFixed(2)));

export function componentsSection(vm: ReportViewModel, openComponent: (i: number) => void): HTMLElement {
  const hasScores = vm.components.some((c) => c.scores);
  const search = h('input', { type: 'search', id: 'component-search', placeholder: 'name, version or purl', autocomplete: 'off' });
  const withFindings = h('input', { type: 'checkbox', id: 'component-with-findings' });
  const hideDev = h('input', { type: 'checkbox', id: 'component-hide-dev' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'more' });
  let sort: SortKey = 'findings';
  let desc = true;
  let rows: number[] = [];
  let rendered = 0;

  const key = (c: ComponentView): number | string => {
    switch (sort) {
      case 'name':
        return c.name.toLowerCase();
      case 'findings':
        return (c.maxSeverity ? sevRank(c.maxSeverity) + 1 : 0) * 1e6 + c.findings.length;
      default:
        return c.scores?.[sort] ?? -1;
    }
  };
  const row = (i: number): HTMLTableRowElement => {
    const c = vm.components[i]!;
    return h(
      'tr',
      null,
      h('td', null, h('button', { type: 'button', class: 'link', 'data-component': i, onclick: () => openComponent(i) }, c.name)),
      h('td', null, c.version),
      h('td', null, [c.dev ? 'dev' : '', c.optional ? 'optional' : ''].filter(Boolean).join(', ')),
      h('td', null, c.maxSeverity ? badge(c.maxSeverity) : null, c.findings.length ? ` ${c.findings.length}` : ''),
      hasScores
        ? [
            h('td', { class: 'num' }, num(c.scores?.criticality)),
            h('td', { class: 'num' }, num(c.scores?.fragility)),
            h('td', { class: 'num' }, num(c.scores?.suspicion)),
          ]
        : null,
    );
  };
  const renderMore = (): void => {
    more.remove();
    const frag = document.createDocumentFragment();
    for (const i of rows.slice(rendered, rendered + PAGE)) frag.appendChild(row(i));
    tbody.appendChild(frag);
    rendered = Math.min(rows.length, rendered + PAGE);
    if (rendered < rows.length) {
      more.textContent = `Show ${Math.min(PAGE, rows.length - rendered)} more (${rows.length - rendered} left)`;
      tbody.parentElement?.after(more);
    }
  };
  more.addEventListener('click', renderMore);

  const render = (): void => {
    const q = search.value.trim().toLowerCase();
    rows = [];
    vm.components.forEach((c, i) => {
      if (withFindings.checked && c.findings.length === 0) return;
      if (hideDev.checked && c.dev) return;
      if (q && !`${c.name}@${c.version} ${c.purl}`.toLowerCase().includes(q)) return;
      rows.push(i);
    });
    rows.sort((a, b) => {
      const ka = key(vm.components[a]!);
      const kb = key(vm.components[b]!);
      const d = ka < kb ? -1 : ka > kb ? 1 : 0;
      return (desc ? -d : d) || a - b;
    });
    status.textContent = `${rows.length} of ${vm.components.length} components`;
    clear(tbody);
    rendered = 0;
    renderMore();
    for (const th of headers) th.el.setAttribute('aria-sort', th.key === sort ? (desc ? 'descending' : 'ascending') : 'none');
  };

  const headers: { key: SortKey | undefined; el: HTMLTableCellElement }[] = [];
  const th = (label: string, k?: SortKey): HTMLTableCellElement => {
    const el = h(
      'th',
      { scope: 'col' },
      k
        ? h(
            'button',
            {
              type: 'button',
              class: 'sort',
              onclick: () => {
                desc = sort === k ? !desc : k !== 'name';
                sort = k;
                render();
              },
            },
            label,
          )
        : label,
    );
    headers.push({ key: k, el });
    return el;
  };
  const tableEl = h(
    'table',
    { class: 'components' },
    h('caption', { class: 'visually-hidden' }, 'Components; column headers sort'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        th('Name', 'name'),
        th('Version'),
        th('Scope'),
        th('Findings', 'findings'),
        hasScores ? [th('Criticality', 'criticality'), th('Fragility', 'fragility'), th('Suspicion', 'suspicion')] : null,
      ),
    ),
    tbody,
  );
  for (const el of [withFindings, hideDev]) el.addEventListener('change', render);
  search.addEventListener('input', debounce(render));
  const wrap = section(
    'components',
    `Components (${vm.components.length})`,
    h(
      'div',
      { class: 'controls', role: 'search', 'aria-label': 'Filter components' },
      h('label', { for: 'component-search' }, 'Search ', search),
      h('label', { for: 'component-with-findings' }, withFindings, ' with findings only'),
      h('label', { for: 'component-hide-dev' }, hideDev, ' hide dev-only'),
    ),
    status,
    tableEl,
  );
  render();
  return wrap;
}
