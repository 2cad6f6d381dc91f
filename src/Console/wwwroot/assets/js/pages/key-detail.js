// One key: its details and its usage.
import { h, replace } from '../lib/dom.js';
import { api, query } from '../lib/api.js';
import { formatDateTime, formatNumber, formatStatus } from '../lib/format.js';
import { periods } from '../lib/periods.js';
import { state } from '../lib/state.js';
import { selectField } from '../components/fields.js';
import { pageHead } from '../components/page.js';
import { usagePanel } from '../components/usage-panel.js';

export default {
  title: 'API key',
  auth: true,
  render({ params }) {
    const root = h('section', {},
      h('p', {}, h('a', { href: '/keys', 'data-link': true }, '← API Key Generation')),
      pageHead('API key'),
      h('p', { class: 'muted' }, 'Loading…'));

    Promise.all([
      api(`/v1/keys/${encodeURIComponent(params.id)}`),
      api(`/v1/keys${query({ status: 'all', size: 100 })}`),
    ]).then(([key, page]) => {
      document.title = `${key.name} · KS Query`;
      const periodSelect = selectField({ label: 'Period', name: 'period', value: 'minute', options: periods.map(p => ({ value: p.value, label: p.label })) });
      const panel = usagePanel({ keys: page.items });
      const load = () => panel.load({ period: periodSelect.querySelector('select').value, keyId: key.id });
      periodSelect.querySelector('select').addEventListener('change', load);
      const hadFocus = root.contains(document.activeElement);
      replace(root, 
        root.firstChild,
        pageHead(key.name, key.description ?? null),
        h('div', { class: 'card' }, details(key)),
        h('div', { class: 'section' },
          h('div', { class: 'section-head' }, h('h2', {}, 'Usage of this key'), h('div', { class: 'inline-fields' }, periodSelect)),
          panel.element));
      if (hadFocus) root.querySelector('h1').focus({ preventScroll: true });
      load();
    }).catch(error => {
      replace(root, root.firstChild, pageHead(error.status === 404 ? 'Key not found' : 'API key'),
        h('div', { class: 'callout callout-error', role: 'alert' }, h('p', {}, error.message)));
    });
    return root;
  },
};

function details(key) {
  const chain = state.chains?.find(c => c.id === key.chain);
  const network = chain?.networks.find(n => n.id === key.network);
  const rows = [
    ['Key', h('code', { class: 'key-display' }, key.display)],
    ['Status', h('span', { class: `badge badge-${key.status}` }, formatStatus(key.status))],
    ['Network', `${chain?.name ?? key.chain} / ${network?.name ?? key.network}`],
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
