// Usage: calls and errors over time (all keys or one), per API with latency, quota, refused calls and alerts.
import { h, replace } from '../lib/dom.js';
import { api, query } from '../lib/api.js';
import { icon } from '../lib/icons.js';
import { periods } from '../lib/periods.js';
import { selectField } from '../components/fields.js';
import { pageHead } from '../components/page.js';
import { usagePanel } from '../components/usage-panel.js';
import { scopeSwitch } from '../components/scope-switch.js';
import { currentTeam } from '../lib/teams.js';
import { state } from '../lib/state.js';
import { render as rerender } from '../router.js';

export default {
  title: 'Usage',
  auth: true,
  render({ query: params }) {
    const team = currentTeam();
    const keySelect = selectField({ label: 'Key', name: 'keyId', value: '', options: [{ value: '', label: 'All keys' }] });
    const periodSelect = selectField({ label: 'Period', name: 'period', value: params.get('period') ?? 'minute',
      options: periods.map(p => ({ value: p.value, label: p.label })) });
    const refresh = h('button', { type: 'button', class: 'button' }, icon('refresh'), 'Refresh');
    const filters = h('div', { class: 'card filters' }, h('div', { class: 'inline-fields' },
      state.teams?.length ? scopeSwitch(() => rerender()) : null, keySelect, periodSelect, refresh));
    const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));

    api(`/v1/keys${query({ status: 'all', size: 100, teamId: team?.id })}`).then(page => {
      const keys = page.items;
      const select = keySelect.querySelector('select');
      select.append(...keys.map(k => h('option', { value: k.id }, `${k.name} (${k.display})${k.status === 'active' ? '' : ` · ${k.status}`}`)));
      if (params.get('key') && keys.some(k => k.id === params.get('key'))) select.value = params.get('key');
      const panel = usagePanel({ keys, teamId: team?.id });
      replace(body, panel.element);
      const load = () => panel.load({ period: periodSelect.querySelector('select').value, keyId: select.value || undefined });
      select.addEventListener('change', load);
      periodSelect.querySelector('select').addEventListener('change', load);
      refresh.addEventListener('click', load);
      load();
    }).catch(error => replace(body, h('div', { class: 'callout callout-error', role: 'alert' }, h('p', {}, error.message))));

    return h('section', {},
      pageHead('Usage', team ? `Every call made with the keys of the team ${team.name}, answered or refused, counted once.` : 'Every call made with your keys, answered or refused, counted once.'),
      filters,
      body);
  },
};
