/** The alert feed from `vigil watch`: the stored alerts, then new ones as the server pushes them (SSE). */
import type { Alert } from '../../src/watch/types.js';
import { getJson } from './api.js';
import { badge, h, shortDate } from './dom.js';

function alertItem(a: Alert): HTMLElement {
  return h(
    'li',
    { class: 'alert-item', 'data-alert': a.id },
    badge(a.severity),
    ' ',
    h('strong', null, a.title),
    h('div', { class: 'muted' }, shortDate(a.at), a.detail ? ` · ${a.detail}` : ''),
    a.exposed.length
      ? h('div', null, 'Would be taken by: ', a.exposed.map((e) => `${e.project} (${e.range} via ${e.via})`).join('; '))
      : null,
    h('a', { href: `#/component/${encodeURIComponent(`pkg:npm/${a.package}`)}` }, `${a.package} component page`),
  );
}

export function alertFeed(): HTMLElement {
  const list = h('ul', { class: 'alerts', id: 'alert-list' });
  const live = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'alert-status' }, 'Connecting…');
  const known = new Set<string>();
  const add = (a: Alert, fresh: boolean): void => {
    if (known.has(a.id)) return;
    known.add(a.id);
    const item = alertItem(a);
    if (fresh) {
      item.classList.add('alert-new');
      list.prepend(item);
      live.textContent = `New alert: ${a.title}`;
    } else list.append(item);
  };
  void getJson<{ alerts: Alert[] }>('/api/alerts?limit=100')
    .then((r) => r.alerts.forEach((a) => add(a, false)))
    .catch((e: Error) => (live.textContent = `Alerts not loaded: ${e.message}`));
  const events = new EventSource('/api/events');
  events.addEventListener('hello', () => (live.textContent = 'Live: new alerts appear here.'));
  events.addEventListener('alert', (ev) => add(JSON.parse((ev as MessageEvent<string>).data) as Alert, true));
  // A new scan was stored: pages that list projects redraw (dashboard.ts listens).
  events.addEventListener('scan', () => window.dispatchEvent(new CustomEvent('vigil-scan')));
  events.addEventListener('error', () => (live.textContent = 'Live updates interrupted; reconnecting…'));
  return h('aside', { class: 'dash-alerts', 'aria-labelledby': 'alerts-h' }, h('h2', { id: 'alerts-h' }, 'Alerts'), live, list);
}
