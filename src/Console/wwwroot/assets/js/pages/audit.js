// Audit log: what was done to the account, its keys and its teams (GET /v1/audit), newest first, with the API's
// filters: key, actor, action and time.
import { h } from '../lib/dom.js';
import { api, query } from '../lib/api.js';
import { state } from '../lib/state.js';
import { clearErrors, field, selectField, showErrors } from '../components/fields.js';
import { pageHead } from '../components/page.js';
import { actionLabels, timeline } from '../components/timeline.js';

export default {
  title: 'Audit log',
  auth: true,
  render() {
    const keys = new Map();
    const keySelect = selectField({ label: 'Key', name: 'keyId', value: '', options: [{ value: '', label: 'Any key' }] });
    const actionSelect = selectField({ label: 'Action', name: 'action', value: '', options: [
      { value: '', label: 'Any action' },
      ...Object.entries(actionLabels).map(([value, label]) => ({ value, label: `${label} (${value})` })),
    ] });
    const actor = field({ label: 'Actor (account id)', name: 'actor', optional: true, autocomplete: 'off', spellcheck: 'false' });
    const from = field({ label: 'From', name: 'from', type: 'datetime-local', optional: true });
    const to = field({ label: 'Until', name: 'to', type: 'datetime-local', optional: true });
    const apply = h('button', { type: 'submit', class: 'button button-primary' }, 'Apply filters');
    const form = h('form', { class: 'card filters', novalidate: true, 'aria-label': 'Filters' },
      h('div', { class: 'inline-fields' }, keySelect, actionSelect, actor, from, to, apply),
      h('p', { class: 'hint' }, 'Times are your local time. Your own account id: ', h('code', {}, state.me?.id ?? '—')));
    const value = name => form.elements[name].value.trim();
    const instant = name => (value(name) ? new Date(value(name)).toISOString() : undefined);

    const log = timeline({
      label: 'Audit log entries',
      empty: 'No entries match.',
      keyName: id => keys.get(id) ?? id,
      onError: error => showErrors(form, error),
      fetchPage: (page, size) => api(`/v1/audit${query({
        keyId: value('keyId'), actor: value('actor'), action: value('action'), from: instant('from'), to: instant('to'), page, size,
      })}`),
    });
    form.addEventListener('submit', event => {
      event.preventDefault();
      clearErrors(form);
      log.load(1);
    });

    // The entries are drawn once the key names are known, so they name keys instead of showing bare ids.
    api(`/v1/keys${query({ status: 'all', size: 100 })}`).then(page => {
      const select = keySelect.querySelector('select');
      for (const key of page.items) {
        keys.set(key.id, key.name);
        select.append(h('option', { value: key.id }, `${key.name} (${key.display})`));
      }
    }).catch(() => {}).finally(() => log.load(1));

    return h('section', {},
      pageHead('Audit log', 'Who did what to your account, your keys and your teams: logins, keys created, edited, rolled, revealed, revoked or expired, and team changes. Entries cannot be changed or deleted.'),
      form,
      log.element);
  },
};
