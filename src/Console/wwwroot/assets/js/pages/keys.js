// API Key Generation: the Create API Auth Key button and the list of keys (masked), with per-key actions.
import { h, replace } from '../lib/dom.js';
import { api, query } from '../lib/api.js';
import { formatQuota, formatShortDateTime, formatStatus, isoTitle } from '../lib/format.js';
import { icon } from '../lib/icons.js';
import { selection, selectionLabel, state } from '../lib/state.js';
import { dataTable } from '../components/table.js';
import { selectField } from '../components/fields.js';
import { needsNetwork, pageHead } from '../components/page.js';
import { openCreateDialog, openRevealDialog, openRevokeDialog, openRollDialog, setActiveKey } from '../components/key-dialogs.js';
import { toast } from '../components/toast.js';
import { scopeSwitch } from '../components/scope-switch.js';
import { currentTeam, mayManageKeys, mayReveal, roleLabels } from '../lib/teams.js';
import { render as rerender } from '../router.js';

export default {
  title: 'API Key Generation',
  auth: true,
  render() {
    const chosen = selection();
    const team = currentTeam();
    const role = team ? team.role : null;
    const table = dataTable({ caption: team ? `Keys of ${team.name}` : 'Your API keys', wide: true, columns: [
      { label: 'Name', className: 'col-name', cell: key => [h('span', { class: 'key-name' }, key.name), key.description ? h('span', { class: 'cell-sub' }, key.description) : null] },
      { label: 'Key and network', cell: key => [h('code', { class: 'key-display' }, key.display), h('span', { class: 'cell-sub' }, networkName(key))] },
      { label: 'Status', cell: key => statusBadges(key) },
      { label: 'Created / last used', cell: key => [
        h('time', { datetime: key.createdAt, title: isoTitle(key.createdAt) }, formatShortDateTime(key.createdAt)),
        h('span', { class: 'cell-sub' }, key.lastUsedAt
          ? ['Last used ', h('time', { datetime: key.lastUsedAt, title: isoTitle(key.lastUsedAt) }, formatShortDateTime(key.lastUsedAt))]
          : 'Never used')] },
      { label: 'Quota this month', className: 'number', cell: key => quotaCell(key) },
      { label: 'Actions', className: 'actions', cell: key => actions(key) },
    ] });
    const filter = selectField({ label: 'Show', name: 'status', value: 'active', options: [
      { value: 'active', label: 'Active keys' },
      { value: 'all', label: 'All keys' },
      { value: 'revoked', label: 'Revoked keys' },
      { value: 'expired', label: 'Expired keys' },
    ] });
    const statusSelect = filter.querySelector('select');

    async function reload() {
      table.loading();
      try {
        const page = await api(`/v1/keys${query({ status: statusSelect.value, size: 100, teamId: team?.id })}`);
        const empty = statusSelect.value === 'active'
          ? 'No active keys yet. Create one with “Create API Auth Key”.'
          : 'No keys to show.';
        table.rows(page.items, empty);
        loadQuotas(table.element, page.items);
      } catch (error) {
        table.error(error.message);
      }
    }

    function actions(key) {
      const isActive = selection()?.activeKeyId === key.id;
      const usable = key.status === 'active';
      const manage = mayManageKeys(role);
      return h('div', { class: 'button-row' },
        usable && !isActive ? h('button', { type: 'button', class: 'button button-small', 'aria-label': `Set ${key.name} active`,
          onclick: async () => {
            try {
              await setActiveKey(key);
              toast(`${key.name} is your active key.`);
              reload();
            } catch (error) {
              toast(error.message, { error: true });
            }
          } }, 'Set active') : null,
        h('a', { class: 'button button-small', href: `/keys/${encodeURIComponent(key.id)}`, 'data-link': true, 'aria-label': `View ${key.name}` }, 'View'),
        usable && manage ? h('button', { type: 'button', class: 'button button-small', 'aria-label': `Roll ${key.name}`,
          onclick: () => openRollDialog(key, { onDone: reload }) }, 'Roll') : null,
        usable && key.recoverable && mayReveal(role, key) ? h('button', { type: 'button', class: 'button button-small', 'aria-label': `Reveal ${key.name}`,
          onclick: () => openRevealDialog(key) }, 'Reveal') : null,
        key.status !== 'revoked' && manage ? h('button', { type: 'button', class: 'button button-small', 'aria-label': `Revoke ${key.name}`,
          onclick: () => openRevokeDialog(key, { onDone: reload }) }, 'Revoke') : null);
    }

    statusSelect.addEventListener('change', reload);
    const createButton = mayManageKeys(role)
      ? h('button', { type: 'button', class: 'button button-primary', disabled: !chosen,
        onclick: () => openCreateDialog({ onCreated: reload, team }) }, icon('plus'), 'Create API Auth Key')
      : null;
    reload();

    const subtitle = chosen
      ? `${team ? `Keys of the team ${team.name}` : 'Keys'} for ${selectionLabel(chosen)}. Calls with a key count against its limits.`
      : null;
    return h('section', {},
      pageHead('API Key Generation', subtitle, createButton),
      state.teams?.length ? h('div', { class: 'card filters' }, h('div', { class: 'inline-fields' }, scopeSwitch(() => rerender()))) : null,
      team && !mayManageKeys(role)
        ? h('div', { class: 'callout', role: 'note' }, h('p', {}, `You are a ${roleLabels[role] ?? role} in ${team.name}: you see its keys masked and their usage. `
          + 'Creating, revealing, rolling and revoking keys need the Developer role or above; an owner or admin of the team can change your role.'))
        : null,
      chosen ? null : needsNetwork('new keys are created for the selected network.'),
      h('div', { class: 'section' },
        h('div', { class: 'section-head' }, h('h2', {}, team ? `Keys of ${team.name}` : 'Your API keys'), h('div', { class: 'inline-fields' }, filter)),
        table.element));
  },
};

function networkName(key) {
  const chain = state.chains?.find(c => c.id === key.chain);
  const network = chain?.networks.find(n => n.id === key.network);
  return `${chain?.name ?? key.chain} / ${network?.name ?? key.network}`;
}

function statusBadges(key) {
  const active = selection()?.activeKeyId === key.id;
  return h('span', { class: 'badges' },
    h('span', { class: `badge badge-${key.status}` }, formatStatus(key.status)),
    active ? h('span', { class: 'badge badge-current' }, 'Active key') : null,
    key.revokeAt && key.status === 'active' ? h('span', { class: 'badge badge-soon', title: isoTitle(key.revokeAt) }, `Ends ${formatShortDateTime(key.revokeAt)}`) : null);
}

function quotaCell(key) {
  return h('span', { class: 'quota-cell', dataset: { quotaFor: key.id } },
    h('span', {}, formatQuota(null, key.monthlyQuota).replace('—', '…')));
}

/** Quota use comes from each key's usage (this month's calls); filled in as the answers arrive. */
async function loadQuotas(container, keys) {
  const now = new Date().toISOString();
  for (let i = 0; i < keys.length; i += 6) {
    await Promise.all(keys.slice(i, i + 6).map(async key => {
      const cell = [...container.querySelectorAll('[data-quota-for]')].find(c => c.dataset.quotaFor === key.id);
      try {
        const usage = await api(`/v1/keys/${encodeURIComponent(key.id)}/usage${query({ from: now })}`);
        const { used, limit } = usage.quota;
        if (cell) replace(cell, h('span', {}, formatQuota(used, limit)),
          limit ? h('progress', { class: 'quota', max: limit, value: Math.min(used, limit), 'aria-label': `${key.name} quota used` }) : null);
      } catch {
        if (cell) replace(cell, h('span', { class: 'muted' }, 'unavailable'));
      }
    }));
  }
}
