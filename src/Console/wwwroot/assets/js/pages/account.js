// Account: change the password (ends the other sessions), the sessions logged in (ended one by one), and deleting the
// account, after a confirmation that says what happens.
import { h, replace } from '../lib/dom.js';
import { api, query } from '../lib/api.js';
import { formatShortDateTime, isoTitle } from '../lib/format.js';
import { forget } from '../lib/session.js';
import { forgetAll, state } from '../lib/state.js';
import { alertBox, busy, clearErrors, field, showErrors } from '../components/fields.js';
import { pageHead } from '../components/page.js';
import { dataTable } from '../components/table.js';
import { dialogFoot, openDialog } from '../components/dialog.js';
import { toast } from '../components/toast.js';
import { navigate } from '../router.js';
import { form } from './teams.js';

export default {
  title: 'Account',
  auth: true,
  render() {
    const sessions = dataTable({ caption: 'Sessions', wide: true, columns: [
      { label: 'Session', cell: s => [s.current ? h('span', { class: 'badge badge-current' }, 'This session') : 'Other session',
        h('span', { class: 'cell-sub' }, 'Since ', h('time', { datetime: s.createdAt, title: isoTitle(s.createdAt) }, formatShortDateTime(s.createdAt)))] },
      { label: 'Last active', cell: s => h('time', { datetime: s.refreshedAt, title: isoTitle(s.refreshedAt) }, formatShortDateTime(s.refreshedAt)) },
      { label: 'Client address', cell: s => s.clientAddress ?? '—' },
      { label: 'User agent', cell: s => h('span', { class: 'cell-sub' }, s.userAgent ?? '—') },
      { label: 'Actions', className: 'actions', cell: s => h('button', { type: 'button', class: 'button button-small',
        'aria-label': s.current ? 'End this session (log out)' : `End the session from ${s.clientAddress ?? 'an unknown address'} since ${formatShortDateTime(s.createdAt)}`,
        onclick: () => end(s) }, s.current ? 'End (log out)' : 'End') },
    ] });

    async function reload() {
      sessions.loading();
      try {
        const page = await api(`/v1/sessions${query({ size: 100 })}`);
        sessions.rows(page.items, 'No sessions.');
      } catch (error) {
        sessions.error(error.message);
      }
    }

    async function end(session) {
      try {
        await api(`/v1/sessions/${encodeURIComponent(session.id)}`, { method: 'DELETE' });
      } catch (error) {
        toast(error.message, { error: true });
        return;
      }
      if (session.current) {
        forget();
        forgetAll();
        navigate('/login?loggedOut=1');
        return;
      }
      toast('The session is ended: it must log in again.');
      reload();
    }

    const password = form('Change password', [
      field({ label: 'Current password', name: 'currentPassword', type: 'password', required: true, autocomplete: 'current-password' }),
      field({ label: 'New password', name: 'newPassword', type: 'password', required: true, autocomplete: 'new-password',
        hint: 'At least 12 characters. Every other session of your account ends; this one goes on.' }),
    ], 'Change password', async (values, element) => {
      await api('/v1/me/password', { method: 'POST', body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      element.reset();
      toast('Your password is changed. Your other sessions have ended.');
      reload();
    });

    reload();
    return h('section', {},
      pageHead('Account', state.me?.email ?? null),
      h('div', { class: 'form-grid' }, password),
      h('div', { class: 'section' },
        h('div', { class: 'section-head' }, h('h2', {}, 'Sessions')),
        h('p', { class: 'muted' }, 'Each login is a session until it is ended or stays unused too long. End one you do not recognise, then change your password.'),
        sessions.element),
      h('div', { class: 'section' },
        h('div', { class: 'card danger-zone' },
          h('h2', {}, 'Delete account'),
          h('p', {}, 'Revokes every key of yours at once and ends every session; then deletes the account. There is no undo.'),
          h('button', { type: 'button', class: 'button button-danger', onclick: openDeleteDialog }, 'Delete account…'))));
  },
};

function openDeleteDialog() {
  openDialog({
    title: 'Delete your account?',
    content: close => {
      const submit = h('button', { type: 'submit', class: 'button button-danger' }, 'Delete my account');
      const body = h('form', { novalidate: true },
        h('div', { class: 'dialog-body' },
          h('p', {}, `Deleting ${state.me?.email ?? 'your account'} does this at once:`),
          h('ul', {},
            h('li', {}, 'every API key of yours is revoked: the next call with it is refused (401 key_revoked);'),
            h('li', {}, 'every session ends, here too, and you cannot log in again with this email and password;'),
            h('li', {}, 'the email is free for a new account, which sees nothing of this one.')),
          h('p', {}, 'Your keys, sessions and usage are removed for good after the retention period (30 days unless the operator set another). There is no undo.'),
          alertBox(),
          field({ label: 'Your password', name: 'password', type: 'password', required: true, autocomplete: 'current-password', autofocus: true })),
        dialogFoot(h('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'), submit));
      body.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(body);
        await busy(submit, 'Deleting…', async () => {
          try {
            await api('/v1/me', { method: 'DELETE', body: { password: body.elements.password.value } });
            close();
            forget();
            forgetAll();
            navigate('/login?deleted=1');
          } catch (error) {
            showErrors(body, error);
          }
        });
      });
      return body;
    },
  });
}
