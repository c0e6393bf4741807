/** One finding, rendered as a disclosure whose body (evidence, remediation) is built on first open. */
import type { Evidence } from '../../src/core/types.js';
import type { FindingView, ReportViewModel } from '../../src/report/view-model.js';
import { badge, fmt, h } from './dom.js';
import { hooks } from './hooks.js';

export function evidenceItem(e: Evidence): HTMLElement {
  const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}` : undefined;
  const value = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
  return h(
    'li',
    { class: 'evidence' },
    h('span', { class: 'ev-kind' }, e.kind),
    e.label ? h('strong', null, e.label, ' ') : null,
    where ? h('code', null, where) : null,
    e.commit ? h('span', null, ' commit ', h('code', { title: e.commit }, e.commit.slice(0, 12))) : null,
    e.field ? h('span', null, ' field ', h('code', null, e.field)) : null,
    e.messageId ? h('span', null, ' message ', h('code', null, e.messageId)) : null,
    e.date ? h('span', null, ' ', e.date) : null,
    e.before !== undefined || e.after !== undefined
      ? h(
          'div',
          { class: 'diff' },
          h('span', { class: 'visually-hidden' }, 'before: '),
          h('del', null, value(e.before ?? '')),
          ' → ',
          h('span', { class: 'visually-hidden' }, 'after: '),
          h('ins', null, value(e.after ?? '')),
        )
      : null,
    e.value !== undefined ? h('div', null, h('code', null, value(e.value))) : null,
    e.path?.length ? h('div', { class: 'dep-path' }, e.path.join(' › ')) : null,
    // URLs are shown as text, never as links: they come from untrusted metadata.
    e.url ? h('div', null, 'URL: ', h('code', null, e.url)) : null,
    e.excerpt ? h('pre', null, e.excerpt) : null,
  );
}

export function findingBody(f: FindingView, vm: ReportViewModel, openComponent: (i: number) => void): HTMLElement {
  const comp = f.component !== undefined ? vm.components[f.component] : undefined;
  return h(
    'div',
    { class: 'finding-body' },
    h('p', null, f.explanation),
    f.evidence.length ? h('p', { class: 'ev-head' }, h('strong', null, 'Evidence')) : null,
    f.evidence.length ? h('ul', { class: 'evidence-list' }, f.evidence.map(evidenceItem)) : null,
    f.remediation ? h('p', { class: 'remediation' }, h('strong', null, 'Remediation: '), f.remediation) : null,
    f.suppressed
      ? h(
          'p',
          { class: 'suppressed-note' },
          `Suppressed: ${f.suppressed.reason}${f.suppressed.expires ? ` (until ${f.suppressed.expires})` : ''}`,
        )
      : null,
    h(
      'p',
      { class: 'meta' },
      `rule ${f.rule} · confidence ${f.confidence} · seen by ${f.analyzer}`,
      f.fingerprint ? ` · fingerprint ${f.fingerprint}` : '',
      ' ',
      comp && f.component !== undefined
        ? h('button', { type: 'button', class: 'link', onclick: () => openComponent(f.component!) }, `Open ${comp.name}@${comp.version}`)
        : null,
    ),
    hooks.findingActions?.(f) ?? null,
  );
}

export function findingDisclosure(
  f: FindingView,
  vm: ReportViewModel,
  openComponent: (i: number) => void,
  withSubject = true,
): HTMLDetailsElement {
  const d = h(
    'details',
    { class: `finding${f.suppressed ? ' is-suppressed' : ''}`, 'data-fingerprint': f.fingerprint },
    h(
      'summary',
      null,
      badge(f.severity),
      ' ',
      h('span', { class: 'f-title' }, f.title),
      withSubject ? h('span', { class: 'f-subject' }, ' — ', f.subject) : null,
      f.isNew ? h('span', { class: 'tag tag-new' }, 'new') : null,
      f.suppressed ? h('span', { class: 'tag' }, 'suppressed') : null,
      f.triage?.status === 'acknowledged' ? h('span', { class: 'tag' }, 'acknowledged') : null,
    ),
  );
  d.addEventListener('toggle', () => {
    if (d.open && d.childElementCount === 1) d.appendChild(findingBody(f, vm, openComponent));
  });
  return d;
}

/** Lower-cased text a search box matches against. */
export function findingHaystack(f: FindingView): string {
  const ev = f.evidence.map((e) =>
    [e.label, e.file, e.excerpt, e.commit, e.field, fmt(e.before), fmt(e.after), fmt(e.value), e.url, e.path?.join(' ')].join(' '),
  );
  return [f.rule, f.subject, f.title, f.explanation, f.remediation ?? '', ...ev].join('\n').toLowerCase();
}
