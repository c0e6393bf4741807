/** The component dialog: identity, where declared, scores and why, findings, paths from the roots. */
import type { ReportViewModel } from '../../src/report/view-model.js';
import { append, clear, h } from './dom.js';
import { findingDisclosure } from './finding.js';
import { hooks } from './hooks.js';
import { adjacency, pathsToRoots, type Adjacency } from './paths.js';

export function componentDialog(vm: ReportViewModel): { dialog: HTMLDialogElement; open: (i: number) => void } {
  const body = h('div', { class: 'dialog-body' });
  const title = h('h2', { id: 'component-dialog-title' });
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×');
  const dialog = h(
    'dialog',
    { id: 'component-dialog', 'aria-labelledby': 'component-dialog-title' },
    h('div', { class: 'dialog-head' }, title, close),
    body,
  );
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (ev) => {
    if (ev.target === dialog) dialog.close();
  });
  let adj: Adjacency | undefined;
  const graph = { componentCount: vm.components.length, rootCount: vm.roots.length, edges: vm.edges };
  const nodeName = (id: number): string => {
    if (id >= vm.components.length) return vm.roots[id - vm.components.length]?.name ?? '?';
    const c = vm.components[id]!;
    return `${c.name}@${c.version}`;
  };

  const open = (i: number): void => {
    const c = vm.components[i];
    if (!c) return;
    adj ??= adjacency(graph);
    const paths = pathsToRoots(graph, adj, i, 5);
    title.textContent = `${c.name}@${c.version}`;
    clear(body);
    append(body, [
      h('p', null, h('code', null, c.purl), ' ', hooks.componentActions?.(c) ?? null),
      h('p', null, [c.eco, c.dev ? 'dev-only' : 'runtime', c.optional ? 'optional' : ''].filter(Boolean).join(' · ')),
      c.notAnalyzed ? h('p', { class: 'warn' }, `Not analyzed: ${c.notAnalyzed}`) : null,
      c.loc.length
        ? h(
            'p',
            null,
            'Declared at ',
            c.loc.flatMap((l, k) => [k ? ', ' : '', h('code', null, l)]),
          )
        : null,
      c.scores
        ? h(
            'div',
            { class: 'scores' },
            h('h3', null, 'Scores'),
            h(
              'p',
              null,
              `criticality ${+c.scores.criticality.toFixed(3)} · fragility ${+c.scores.fragility.toFixed(3)} · suspicion ${+c.scores.suspicion.toFixed(3)}`,
            ),
            c.scores.factors.length
              ? h(
                  'ul',
                  null,
                  c.scores.factors.map((f) => h('li', null, f)),
                )
              : null,
          )
        : null,
      h('h3', null, `Findings (${c.findings.length})`),
      c.findings.length
        ? h(
            'div',
            { class: 'dialog-findings' },
            c.findings.map((fi) => {
              const d = findingDisclosure(vm.findings[fi]!, vm, open, false);
              if (c.findings.length <= 3) d.open = true;
              return d;
            }),
          )
        : h('p', null, 'No findings for this component.'),
      h('h3', null, 'Dependency paths from the roots'),
      paths.length
        ? h(
            'ol',
            { class: 'paths' },
            paths.map((p) => h('li', { class: 'dep-path' }, p.map(nodeName).join(' › '))),
          )
        : h('p', null, vm.roots.length ? 'Not reachable from a root in this inventory.' : 'The inventory has no roots.'),
    ]);
    if (!dialog.open) dialog.showModal();
    close.focus();
  };
  return { dialog, open };
}
