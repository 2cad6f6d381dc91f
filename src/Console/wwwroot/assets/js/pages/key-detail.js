// One key: its details, its restrictions (edited here), its usage and its activity: every change and every refused
// call on one timeline.
import { h, replace } from '../lib/dom.js';
import { api, query } from '../lib/api.js';
import { formatDateTime, formatNumber, formatStatus } from '../lib/format.js';
import { periods } from '../lib/periods.js';
import { state } from '../lib/state.js';
import { mayManageKeys, roleForKey, roleLabels } from '../lib/teams.js';
import { selectField } from '../components/fields.js';
import { pageHead } from '../components/page.js';
import { usagePanel } from '../components/usage-panel.js';
import { openEditDialog } from '../components/key-dialogs.js';
import { restrictionsSummary } from '../components/restrictions.js';
import { timeline } from '../components/timeline.js';

export default {
  title: 'API key',
  auth: true,
  render({ params }) {
    const root = h('section', {},
      h('p', {}, h('a', { href: '/keys', 'data-link': true }, '← API Key Generation')),
      pageHead('API key'),
      h('p', { class: 'muted' }, 'Loading…'));

    api(`/v1/keys/${encodeURIComponent(params.id)}`).then(async key => {
      const page = await api(`/v1/keys${query({ status: 'all', size: 100, teamId: key.teamId })}`);
      document.title = `${key.name} · KS Query`;
      const role = roleForKey(key);
      const periodSelect = selectField({ label: 'Period', name: 'period', value: 'minute', options: periods.map(p => ({ value: p.value, label: p.label })) });
      const panel = usagePanel({ keys: page.items, teamId: key.teamId });
      const load = () => panel.load({ period: periodSelect.querySelector('select').value, keyId: key.id });
      periodSelect.querySelector('select').addEventListener('change', load);
      const activity = timeline({
        label: `Activity of ${key.name}`,
        empty: 'No changes or refused calls yet.',
        fetchPage: (p, size) => api(`/v1/keys/${encodeURIComponent(key.id)}/activity${query({ page: p, size })}`),
      });
      const restrictionsCard = h('div', { class: 'card' });
      const showRestrictions = current => replace(restrictionsCard, restrictionsSummary(current.restrictions));
      showRestrictions(key);
      const edit = mayManageKeys(role) && key.status !== 'revoked'
        ? h('button', { type: 'button', class: 'button', onclick: () => openEditDialog(key, { onDone: updated => {
          Object.assign(key, updated);
          showRestrictions(updated);
          activity.load(1);
        } }) }, 'Edit key and restrictions')
        : null;
      const hadFocus = root.contains(document.activeElement);
      replace(root,
        root.firstChild,
        pageHead(key.name, key.description ?? null, edit),
        h('div', { class: 'card' }, details(key, role)),
        h('div', { class: 'section' },
          h('div', { class: 'section-head' }, h('h2', {}, 'Restrictions')),
          restrictionsCard),
        h('div', { class: 'section' },
          h('div', { class: 'section-head' }, h('h2', {}, 'Usage of this key'), h('div', { class: 'inline-fields' }, periodSelect)),
          panel.element),
        h('div', { class: 'section' },
          h('div', { class: 'section-head' }, h('h2', {}, 'Activity')),
          h('p', { class: 'muted' }, 'Every change to this key (who, when, from where, before and after) and every call refused for it, newest first.'),
          activity.element));
      if (hadFocus) root.querySelector('h1').focus({ preventScroll: true });
      load();
      activity.load(1);
    }).catch(error => {
      replace(root, root.firstChild, pageHead(error.status === 404 ? 'Key not found' : 'API key'),
        h('div', { class: 'callout callout-error', role: 'alert' }, h('p', {}, error.message)));
    });
    return root;
  },
};

function details(key, role) {
  const chain = state.chains?.find(c => c.id === key.chain);
  const network = chain?.networks.find(n => n.id === key.network);
  const team = key.teamId ? state.teams?.find(t => t.id === key.teamId) : null;
  const rows = [
    ['Key', h('code', { class: 'key-display' }, key.display)],
    ['Status', h('span', { class: `badge badge-${key.status}` }, formatStatus(key.status))],
    ['Network', `${chain?.name ?? key.chain} / ${network?.name ?? key.network}`],
    ['Owner', key.teamId ? `Team ${team?.name ?? key.teamId} (your role: ${roleLabels[role] ?? role})` : 'You (personal key)'],
    ['Created', formatDateTime(key.createdAt)],
    ['Last used', key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'],
    ['Expires', key.expiresAt ? formatDateTime(key.expiresAt) : 'Never'],
    key.revokeAt ? ['Ends (rolled)', formatDateTime(key.revokeAt)] : null,
    key.revokedAt ? ['Revoked', formatDateTime(key.revokedAt)] : null,
    ['Rate limit', `${formatNumber(key.rateLimitPerSecond)} requests per second`],
    ['Monthly quota', key.monthlyQuota ? `${formatNumber(key.monthlyQuota)} calls` : 'No quota'],
    ['Recoverable', key.recoverable ? 'Yes: can be revealed with your password' : 'No'],
    ['All-time calls', key.usage ? `${formatNumber(key.usage.requests)} (errors: ${formatNumber(key.usage.errors)})` : '—'],
  ].filter(Boolean);
  return h('dl', { class: 'details' }, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}
