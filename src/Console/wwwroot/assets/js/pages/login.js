// Log in: email and password; the API's problem details (wrong password, too many attempts) shown as they come.
import { h } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { keep } from '../lib/session.js';
import { loadChains, loadMe, selection } from '../lib/state.js';
import { alertBox, busy, clearErrors, field, showErrors } from '../components/fields.js';
import { navigate } from '../router.js';

const notices = {
  created: 'Your account is ready. Log in with your email and password.',
  loggedOut: 'You are logged out.',
  ended: 'Your session has ended. Log in again.',
  deleted: 'Your account is deleted and its keys are revoked.',
};

export default {
  title: 'Log in',
  guestOnly: true,
  render({ query }) {
    const notice = Object.entries(notices).find(([name]) => query.has(name))?.[1];
    const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Log in');
    const form = h('form', { novalidate: true },
      alertBox(),
      field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'username', value: query.get('email') ?? '' }),
      field({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
      submit);

    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearErrors(form);
      const body = { email: form.elements.email.value.trim(), password: form.elements.password.value };
      await busy(submit, 'Logging in…', async () => {
        try {
          keep(await api('/v1/auth/login', { method: 'POST', body, auth: false }));
          await Promise.all([loadMe(), loadChains()]);
          const next = query.get('next');
          navigate(next?.startsWith('/') && !next.startsWith('//') ? next : selection() ? '/keys' : '/network');
        } catch (error) {
          showErrors(form, error);
        }
      });
    });

    queueMicrotask(() => form.elements[query.get('email') ? 'password' : 'email']?.focus());
    return h('section', { class: 'auth' },
      h('div', { class: 'card' },
        h('h1', { tabindex: '-1' }, 'Log in'),
        h('p', { class: 'lead' }, 'Log in to KS Query to manage your API keys and usage.'),
        notice ? h('div', { class: 'callout callout-success', role: 'status' }, h('p', {}, notice)) : null,
        form,
        h('p', { class: 'switch' }, 'No account yet? ', h('a', { href: '/signup', 'data-link': true }, 'Sign up'))));
  },
};
