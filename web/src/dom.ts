/**
 * DOM helpers. Every string from the report data is attacker-controlled (package names, commit
 * messages, file excerpts), so text only ever goes in through text nodes and attributes — never
 * innerHTML.
 */
export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | undefined | null | ((ev: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, AttrValue> | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    // Through CSSOM, which the report's Content-Security-Policy allows (style attributes it does not).
    else if (k === 'style') el.style.cssText = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const sevRank = (s: string): number => 4 - SEVERITY_ORDER.indexOf(s as (typeof SEVERITY_ORDER)[number]);

export function badge(severity: string): HTMLElement {
  return h('span', { class: `badge sev-${severity}` }, severity);
}

/** Debounce for search boxes on large reports. */
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms = 120): (...a: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...a: A) => {
    if (t) clearTimeout(t);
    t = setTimeout(() => fn(...a), ms);
  };
}

export function section(id: string, title: string, ...children: (Child | Child[])[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h`, tabindex: -1 }, title), ...children);
}

/** A table from rows of scalars; columns are the union of keys in first-seen order. */
export function table(rows: Record<string, unknown>[], caption?: string, columns?: string[]): HTMLTableElement {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return h(
    'table',
    null,
    caption ? h('caption', null, caption) : null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        cols.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          null,
          cols.map((c) => h('td', null, fmt(r[c]))),
        ),
      ),
    ),
  );
}

export function fmt(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export const shortDate = (iso: string | undefined): string => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '');

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
