// Usage of all keys or of one key over a period: totals, the calls chart, calls per API with latency, quota state,
// refused calls (who tried a revoked or leaked key) and misuse alerts.
import { h, replace } from '../lib/dom.js';
import { api, query } from '../lib/api.js';
import { formatDateTime, formatMs, formatNumber, formatQuota, isoTitle } from '../lib/format.js';
import { rangeOf } from '../lib/periods.js';
import { dataTable } from './table.js';
import { usageChart } from './chart.js';

const alertKinds = { new_client_address: 'New client address', rejection_spike: 'Rejection spike' };

/**
 * usagePanel({ keys, teamId }) -> { element, load({ period, keyId }) }. `keys`: the keys shown (names for the tables);
 * `teamId`: a team's usage instead of the account's own.
 */
export function usagePanel({ keys, teamId }) {
  const nameOf = keyId => keys.find(k => k.id === keyId)?.name ?? keyId;
  const stats = { requests: statCard('Calls'), errors: statCard('Errors'), rejections: statCard('Refused calls') };
  const chart = usageChart({ caption: 'Calls over time' });
  const apis = dataTable({ caption: 'Calls per API', columns: [
    { label: 'API', cell: a => h('code', {}, a.apiId) },
    { label: 'Calls', className: 'number', cell: a => formatNumber(a.requests) },
    { label: 'Errors', className: 'number', cell: a => formatNumber(a.errors) },
    { label: 'p50 latency', className: 'number', cell: a => formatMs(a.p50Ms) },
    { label: 'p95 latency', className: 'number', cell: a => formatMs(a.p95Ms) },
  ] });
  const quotas = dataTable({ caption: 'Quota this month', columns: [
    { label: 'Key', cell: q => q.name },
    { label: 'Used / limit', className: 'number', cell: q => formatQuota(q.used, q.limit) },
    { label: 'Use', cell: q => (q.limit ? h('progress', { class: 'quota', max: q.limit, value: Math.min(q.used, q.limit), 'aria-label': `${q.name} quota used` }) : h('span', { class: 'muted' }, 'No quota')) },
    { label: 'Resets', cell: q => h('time', { datetime: q.resetsAt, title: isoTitle(q.resetsAt) }, formatDateTime(q.resetsAt)) },
  ] });
  const rejections = dataTable({ caption: 'Refused calls', columns: [
    { label: 'Time', cell: r => h('time', { datetime: r.at, title: isoTitle(r.at) }, formatDateTime(r.at)) },
    { label: 'Key', cell: r => [nameOf(r.keyId), h('span', { class: 'cell-sub key-display' }, r.display)] },
    { label: 'Client address', cell: r => r.ip ?? '—' },
    { label: 'User agent', cell: r => h('span', { class: 'cell-sub' }, r.userAgent ?? '—') },
    { label: 'Code', cell: r => [h('span', { class: 'badge badge-error' }, r.code), r.restriction ? h('span', { class: 'cell-sub' }, `restriction: ${r.restriction}`) : null] },
    { label: 'Request', cell: r => h('code', {}, `${r.method} ${r.path}`) },
  ] });
  const rejectionsNote = h('p', { class: 'muted' });
  const alerts = dataTable({ caption: 'Misuse alerts', columns: [
    { label: 'Time', cell: a => h('time', { datetime: a.at, title: isoTitle(a.at) }, formatDateTime(a.at)) },
    { label: 'Key', cell: a => nameOf(a.keyId) },
    { label: 'Alert', cell: a => h('span', { class: 'badge badge-soon' }, alertKinds[a.kind] ?? a.kind) },
    { label: 'Detail', cell: a => a.detail },
    { label: 'Client address', cell: a => a.clientAddress ?? '—' },
  ] });

  const element = h('div', { class: 'usage-panel' },
    h('div', { class: 'stats' }, Object.values(stats).map(s => s.element)),
    h('div', { class: 'card chart-card' }, h('h2', {}, 'Calls over time'), chart.element),
    section('Calls per API', 'Latency is measured in KS Query from the request to the answer.', apis.element),
    section('Quota this month', 'Calls that reached the chain API in this UTC calendar month.', quotas.element),
    section('Refused calls', 'Calls refused for a key of yours: revoked, expired, wrong secret, other network, outside its restrictions, rate limit or quota.', rejectionsNote, rejections.element),
    section('Misuse alerts', 'A key used from a new client address, or a spike of refused calls.', alerts.element));

  let loading = 0;

  async function load({ period, keyId }) {
    const ticket = ++loading;
    const range = rangeOf(period);
    for (const stat of Object.values(stats)) stat.loading();
    chart.loading();
    for (const table of [apis, quotas, rejections, alerts]) table.loading();
    const fresh = () => ticket === loading;

    const usagePath = keyId
      ? `/v1/keys/${encodeURIComponent(keyId)}/usage${query({ from: range.from, to: range.to })}`
      : `/v1/usage/summary${query({ from: range.from, to: range.to, teamId })}`;
    const [usage, series, refused] = await Promise.allSettled([
      api(usagePath),
      api(`/v1/usage/timeseries${query({ interval: range.interval, from: range.from, to: range.to, keyId, teamId })}`),
      api(`/v1/usage/rejections${query({ from: range.from, to: range.to, size: 100, teamId })}`),
    ]);
    if (!fresh()) return;

    if (usage.status === 'fulfilled') {
      const u = usage.value;
      stats.requests.show(u.requests);
      stats.errors.show(u.errors);
      stats.rejections.show(u.rejections);
      apis.rows(u.byApi, 'No calls in this period.');
      alerts.rows(u.alerts, 'No alerts in this period.');
    } else {
      for (const stat of Object.values(stats)) stat.show(null);
      apis.error(usage.reason.message);
      alerts.error(usage.reason.message);
    }

    if (series.status === 'fulfilled') {
      const total = series.value.reduce((sum, p) => sum + p.requests, 0);
      const errors = series.value.reduce((sum, p) => sum + p.errors, 0);
      chart.show(series.value, range.interval,
        `Calls ${range.period.phrase}${keyId ? ` with ${nameOf(keyId)}` : ''}: ${formatNumber(total)} calls, ${formatNumber(errors)} errors.`);
    } else {
      chart.error(series.reason.message);
    }

    if (refused.status === 'fulfilled') {
      const items = keyId ? refused.value.items.filter(r => r.keyId === keyId) : refused.value.items;
      rejections.rows(items, 'No refused calls in this period.');
      replace(rejectionsNote, refused.value.total > refused.value.items.length
        ? `The newest ${formatNumber(refused.value.items.length)} of ${formatNumber(refused.value.total)} refused calls of all your keys.`
        : '');
    } else {
      rejections.error(refused.reason.message);
    }

    const quotaKeys = keyId ? keys.filter(k => k.id === keyId) : keys.filter(k => k.status === 'active');
    if (keyId && usage.status === 'fulfilled') {
      quotas.rows([{ name: nameOf(keyId), ...usage.value.quota }], '');
    } else {
      const rows = await Promise.all(quotaKeys.map(async key => {
        try {
          const one = await api(`/v1/keys/${encodeURIComponent(key.id)}/usage${query({ from: range.to })}`);
          return { name: key.name, ...one.quota };
        } catch {
          return null;
        }
      }));
      if (fresh()) quotas.rows(rows.filter(Boolean), 'No active keys.');
    }
  }

  return { element, load };
}

function statCard(label) {
  const value = h('div', { class: 'stat-value' }, h('span', { class: 'placeholder' }));
  return {
    element: h('div', { class: 'card stat' }, h('div', { class: 'stat-label' }, label), value),
    loading: () => replace(value, h('span', { class: 'placeholder', 'aria-label': 'Loading' })),
    show: number => replace(value, formatNumber(number)),
  };
}

function section(title, note, ...content) {
  return h('section', { class: 'section' },
    h('div', { class: 'section-head' }, h('h2', {}, title)),
    note ? h('p', { class: 'muted' }, note) : null,
    content);
}
