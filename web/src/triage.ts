/** The triage form inside an opened finding (dashboard only): suppress with a reason and expiry, or acknowledge. */
import type { FindingView } from '../../src/report/view-model.js';
import { postJson } from './api.js';
import { h } from './dom.js';

const WHO = 'vigil-triage-by';

export function triageForm(f: FindingView, project: string, done: (message: string) => void): HTMLElement | null {
  const t = f.triage;
  if (!t || t.status === 'suppressed') return null;
  const key = t.id.replace(/[^A-Za-z0-9]/g, '');
  const reason = h('input', { type: 'text', id: `reason-${key}`, name: 'reason', required: true, maxlength: 500, autocomplete: 'off' });
  const expires = h('input', { type: 'date', id: `expires-${key}`, name: 'expires' });
  const by = h('input', { type: 'text', id: `by-${key}`, name: 'by', maxlength: 100, value: localStorage.getItem(WHO) ?? '' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const send = async (action: 'suppress' | 'acknowledge'): Promise<void> => {
    if (!reason.value.trim()) {
      status.textContent = 'Say why (a reason is required).';
      reason.focus();
      return;
    }
    if (by.value.trim()) localStorage.setItem(WHO, by.value.trim());
    status.textContent = action === 'suppress' ? 'Suppressing…' : 'Acknowledging…';
    try {
      const r = await postJson<{ audit: { writtenTo: string } }>(`/api/triage/${action}`, {
        project,
        finding: t.id,
        reason: reason.value,
        ...(expires.value ? { expires: expires.value } : {}),
        ...(by.value.trim() ? { by: by.value.trim() } : {}),
      });
      done(
        action === 'suppress'
          ? `Suppressed ${f.rule} on ${f.subject}: written to ${r.audit.writtenTo}`
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
