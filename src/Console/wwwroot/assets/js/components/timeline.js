// Audit entries and refused calls as a timeline, newest first: when, what, who, from which client address, and for a
// change what it was before and after. Used by a key's Activity (GET /v1/keys/{id}/activity) and the Audit log.
import { h, replace } from '../lib/dom.js';
import { formatDateTime, formatNumber, isoTitle } from '../lib/format.js';

export const actionLabels = {
  'account.created': 'Account created',
  'account.login': 'Logged in',
  'account.login_failed': 'Failed login',
  'account.password_changed': 'Password changed',
  'account.deleted': 'Account deleted',
  'session.ended': 'Session ended',
  'key.created': 'Key created',
  'key.edited': 'Key edited',
  'key.restrictions_changed': 'Restrictions changed',
  'key.rolled': 'Key rolled',
  'key.revealed': 'Key revealed',
  'key.revoked': 'Key revoked',
  'key.expired': 'Key expired',
  'team.created': 'Team created',
  'team.member_invited': 'Member invited',
  'team.invitation_accepted': 'Invitation accepted',
  'team.member_role_changed': 'Member role changed',
  'team.member_removed': 'Member removed',
};

/** One entry: `{ at, kind?, action?, code?, actorEmail, clientAddress, userAgent, before, after, status, method, path }`. */
function item(entry, { keyName }) {
  const refusal = entry.kind === 'refusal';
  const title = refusal ? `Refused: ${entry.code}` : actionLabels[entry.action] ?? entry.action;
  const facts = [
    refusal
      ? ['Call', h('code', {}, `${entry.method ?? ''} ${entry.path ?? ''}`.trim()), entry.status ? ` answered ${entry.status}` : '']
      : ['By', entry.actorEmail ?? (entry.actorAccountId ? entry.actorAccountId : 'KS Query (automatic)')],
    entry.keyId && keyName ? ['Key', keyName(entry.keyId)] : null,
    entry.restriction ? ['Restriction', entry.restriction] : null,
    ['Client address', entry.clientAddress ?? '—'],
    ['User agent', entry.userAgent ?? '—'],
  ].filter(Boolean);
  return h('li', { class: `timeline-item ${refusal ? 'is-refusal' : 'is-change'}` },
    h('div', { class: 'timeline-head' },
      h('span', { class: refusal ? 'badge badge-error' : 'badge' }, refusal ? 'Refusal' : 'Change'),
      h('strong', {}, title),
      h('time', { datetime: entry.at, title: isoTitle(entry.at) }, formatDateTime(entry.at))),
    h('dl', { class: 'timeline-facts' }, facts.map(([term, ...value]) => [h('dt', {}, term), h('dd', {}, value)])),
    entry.before || entry.after ? changes(entry.before, entry.after) : null);
}

/** Before and after, field by field (only the fields that differ, all of them when there is no before). */
function changes(before, after) {
  const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const text = value => (value === undefined ? '—' : value === null ? 'none' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  const rows = names
    .filter(name => !before || !after || JSON.stringify(before[name]) !== JSON.stringify(after[name]))
    .map(name => h('tr', {},
      h('th', { scope: 'row' }, name),
      before ? h('td', {}, h('code', {}, text(before[name]))) : null,
      h('td', {}, h('code', {}, text(after?.[name])))));
  if (!rows.length) return null;
  return h('div', { class: 'table-wrap timeline-changes' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), before ? h('th', { scope: 'col' }, 'Before') : null, h('th', { scope: 'col' }, after ? 'After' : ''))),
    h('tbody', {}, rows)));
}

/**
 * A paged timeline. `fetchPage(page, size)` -> the API's page `{ items, page, size, total }`; `onError(error)` also
 * sees a refusal (e.g. to show a filter's field errors beside it).
 * -> { element, load(page = 1) }
 */
export function timeline({ label, fetchPage, empty, keyName, onError, size = 20 }) {
  const list = h('ol', { class: 'timeline', 'aria-label': label });
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const newer = h('button', { type: 'button', class: 'button button-small', disabled: true }, 'Newer');
  const older = h('button', { type: 'button', class: 'button button-small', disabled: true }, 'Older');
  const element = h('div', { class: 'timeline-wrap' }, list, h('div', { class: 'pager button-row' }, newer, status, older));
  let current = 1;
  let loading = 0;

  async function load(page = 1) {
    const ticket = ++loading;
    current = page;
    replace(list, h('li', { class: 'muted' }, 'Loading…'));
    newer.disabled = older.disabled = true;
    try {
      const result = await fetchPage(page, size);
      if (ticket !== loading) return;
      const pages = Math.max(1, Math.ceil(result.total / result.size));
      replace(list, result.items.length ? result.items.map(entry => item(entry, { keyName })) : h('li', { class: 'muted' }, empty));
      status.textContent = result.total
        ? `Page ${formatNumber(page)} of ${formatNumber(pages)} (${formatNumber(result.total)} entries, newest first)`
        : '';
      newer.disabled = page <= 1;
      older.disabled = page >= pages;
    } catch (error) {
      if (ticket !== loading) return;
      replace(list, h('li', { class: 'callout callout-error', role: 'alert' }, error.message));
      status.textContent = '';
      onError?.(error);
    }
  }

  newer.addEventListener('click', () => load(current - 1));
  older.addEventListener('click', () => load(current + 1));
  return { element, load };
}
