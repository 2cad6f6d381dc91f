// Labelled form fields with hints and the API's validation messages (problem details `errors`) shown beside them.
import { h, uid, replace } from '../lib/dom.js';

/** field({ label, name, type, required, hint, ...inputAttributes }) -> <div class="field"> with label, input, hint, error. */
export function field({ label, name, type = 'text', required = false, optional = false, hint, multiline = false, ...attributes }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const control = multiline
    ? h('textarea', { id, name, required, 'aria-describedby': hintId, ...attributes })
    : h('input', { id, name, type, required, 'aria-describedby': hintId, ...attributes });
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label, optional ? h('span', { class: 'optional' }, ' (optional)') : null),
    control,
    hint ? h('span', { class: 'hint', id: hintId }, hint) : null,
    h('span', { class: 'error', id: errorId, hidden: true }));
}

/** A labelled <select>. options: [{ value, label }]. */
export function selectField({ label, name, options, value, hint, ...attributes }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : null;
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label),
    h('select', { id, name, 'aria-describedby': hintId, ...attributes },
      options.map(option => h('option', { value: option.value, selected: option.value === value }, option.label))),
    hint ? h('span', { class: 'hint', id: hintId }, hint) : null);
}

/** A checkbox with its label and an optional hint under it. */
export function checkField({ label, name, hint, checked = false }) {
  const id = uid(name);
  return h('div', { class: 'check', dataset: { field: name } },
    h('input', { type: 'checkbox', id, name, checked }),
    h('label', { for: id }, label, hint ? h('span', { class: 'hint' }, hint) : null));
}

/**
 * Shows an error from the API in `form`: the detail in the form's alert box, each field's messages beside the field
 * (fields are matched by name, case-insensitively), and marks those inputs invalid. Returns the first invalid control.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const alert = form.querySelector('[data-alert]');
  if (alert) {
    alert.hidden = false;
    replace(alert, h('p', {}, error.message), error.code === 'forbidden_role'
      ? h('p', {}, 'Your role in this team does not allow this (403 forbidden_role); an owner or admin of the team can change your role.')
      : null);
  }
  let first = null;
  const fields = [...form.querySelectorAll('[data-field]')];
  for (const [name, messages] of Object.entries(error.errors ?? {})) {
    // An entry of a list field ("restrictions.ipRanges[1]") is shown beside the list's field.
    const wrapper = fields.find(f => f.dataset.field.toLowerCase() === name.toLowerCase())
      ?? fields.find(f => f.dataset.field.toLowerCase() === name.replace(/\[\d+\]$/, '').toLowerCase());
    const control = wrapper?.querySelector('input, textarea, select');
    const slot = wrapper?.querySelector('.error');
    if (!control || !slot) continue;
    slot.textContent = slot.hidden ? messages.join(' ') : `${slot.textContent} ${messages.join(' ')}`;
    slot.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    if (!(control.getAttribute('aria-describedby') ?? '').split(' ').includes(slot.id)) {
      control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), slot.id].filter(Boolean).join(' '));
    }
    first ??= control;
  }
  (first ?? alert)?.focus?.();
  return first;
}

export function clearErrors(form) {
  const alert = form.querySelector('[data-alert]');
  if (alert) {
    alert.hidden = true;
    replace(alert);
  }
  for (const slot of form.querySelectorAll('.error')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    const describedBy = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(id => !id.endsWith('-error')).join(' ');
    if (describedBy) control.setAttribute('aria-describedby', describedBy);
    else control.removeAttribute('aria-describedby');
  }
}

/** The box where a form shows the API's error message (role=alert: read out when it appears). */
export function alertBox() {
  return h('div', { class: 'callout callout-error', role: 'alert', tabindex: '-1', 'data-alert': true, hidden: true });
}

/** Disables the submit button while `work` runs, with a busy label. */
export async function busy(button, label, work) {
  const previous = button.textContent;
  button.disabled = true;
  button.textContent = label;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = previous;
  }
}
