/** The triage form inside an opened finding (dashboard only): suppress with a reason and expiry, or acknowledge. */
import type { FindingView } from '../../src/report/view-model.js';
import { postJson } from './api.js';
import { h } from './dom.js';

const WHO = 'vigil-triage-by';

/** A versioned purl (`pkg:npm/x@1.2.3`; npm scopes are `%40`-encoded, so `@` only precedes the version). */
const versioned = (subject: string): boolean => /^pkg:[^@]+@[^@/]+$/.test(subject);

/** Where a prefix suppression starts by default: the npm scope, the repository, else the parent path of the subject. */
function suggestedPrefix(subject: string): string {
  const scoped = /^(pkg:[^/]+\/(?:%40|@)[^/]+\/)/.exec(subject);
  if (scoped) return scoped[1]!;
  // A repository at a commit (`URL@sha`): every commit of that repository.
  const at = subject.startsWith('pkg:') ? -1 : subject.lastIndexOf('@');
  if (at > 0) return subject.slice(0, at + 1);
  const cut = subject.lastIndexOf('/', subject.length - 2);
  return cut > 0 && !subject.startsWith('pkg:') ? subject.slice(0, cut + 1) : subject;
}

/**
 * "Applies to": this version, every version of the package, or everything under a prefix (the
 * server checks the prefix covers the finding and is not a whole ecosystem).
 */
function scopeChooser(subject: string, key: string): { element: HTMLElement; value: () => { scope: string; prefix?: string } } {
  const name = `scope-${key}`;
  const radio = (value: string, checked: boolean, disabled = false) =>
    h('input', { type: 'radio', name, value, id: `${name}-${value}`, checked, disabled });
  const version = radio('version', true);
  const pkg = radio('package', false, !versioned(subject));
  const prefix = radio('prefix', false);
  const text = h('input', {
    type: 'text',
    id: `prefix-${key}`,
    name: 'prefix',
    value: suggestedPrefix(subject),
    maxlength: 500,
    autocomplete: 'off',
    'aria-label': 'Subject prefix',
  });
  const packageName = versioned(subject) ? subject.replace(/@[^@/]+$/, '') : undefined;
  const element = h(
    'fieldset',
    { class: 'scope' },
    h('legend', null, 'Applies to'),
    h('label', { for: version.id }, version, ' this version: ', h('code', null, subject)),
    h(
      'label',
      { for: pkg.id },
      pkg,
      packageName ? [' every version: ', h('code', null, packageName)] : ' every version (not a versioned package)',
    ),
    h('label', { for: prefix.id }, prefix, ' everything starting with '),
    text,
  );
  text.addEventListener('focus', () => (prefix.checked = true));
  return {
    element,
    value: () => (prefix.checked ? { scope: 'prefix', prefix: text.value } : pkg.checked ? { scope: 'package' } : { scope: 'version' }),
  };
}

export function triageForm(f: FindingView, project: string, done: (message: string) => void): HTMLElement | null {
  const t = f.triage;
  if (!t || t.status === 'suppressed') return null;
  const key = t.id.replace(/[^A-Za-z0-9]/g, '');
  const reason = h('input', { type: 'text', id: `reason-${key}`, name: 'reason', required: true, maxlength: 500, autocomplete: 'off' });
  const expires = h('input', { type: 'date', id: `expires-${key}`, name: 'expires' });
  const by = h('input', { type: 'text', id: `by-${key}`, name: 'by', maxlength: 100, value: localStorage.getItem(WHO) ?? '' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const scope = scopeChooser(f.subject, key);
  const send = async (action: 'suppress' | 'acknowledge'): Promise<void> => {
    if (!reason.value.trim()) {
      status.textContent = 'Say why (a reason is required).';
      reason.focus();
      return;
    }
    if (by.value.trim()) localStorage.setItem(WHO, by.value.trim());
    status.textContent = action === 'suppress' ? 'Suppressing…' : 'Acknowledging…';
    try {
      const r = await postJson<{ audit: { writtenTo: string; subject: string } }>(`/api/triage/${action}`, {
        project,
        finding: t.id,
        reason: reason.value,
        ...(action === 'suppress' ? scope.value() : {}),
        ...(expires.value ? { expires: expires.value } : {}),
        ...(by.value.trim() ? { by: by.value.trim() } : {}),
      });
      done(
        action === 'suppress'
          ? `Suppressed ${f.rule} on ${r.audit.subject}: written to ${r.audit.writtenTo}`
          : `Acknowledged ${f.rule} on ${f.subject}`,
      );
    } catch (e) {
      status.textContent = `Not saved: ${(e as Error).message}`;
    }
  };
  const form = h(
    'form',
    { class: 'triage', 'aria-label': 'Triage this finding' },
    h('label', { for: reason.id }, 'Reason ', reason),
    scope.element,
    h('label', { for: expires.id }, 'Expires ', expires),
    h('label', { for: by.id }, 'By ', by),
    h('button', { type: 'submit', class: 'suppress' }, 'Suppress'),
    t.status === 'open'
      ? h('button', { type: 'button', class: 'acknowledge', onclick: () => void send('acknowledge') }, 'Acknowledge')
      : null,
    status,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void send('suppress');
  });
  return form;
}
