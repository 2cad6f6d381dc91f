// Sign up: email and password (at least 12 characters); then Log in.
import { h } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { alertBox, busy, clearErrors, field, showErrors } from '../components/fields.js';
import { navigate } from '../router.js';

export default {
  title: 'Sign up',
  guestOnly: true,
  render() {
    const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Sign up');
    const form = h('form', { novalidate: true },
      alertBox(),
      field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'username' }),
      field({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'new-password', minlength: 12, hint: 'At least 12 characters.' }),
      submit);

    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearErrors(form);
      const body = { email: form.elements.email.value.trim(), password: form.elements.password.value };
      await busy(submit, 'Creating your account…', async () => {
        try {
          const account = await api('/v1/accounts', { method: 'POST', body, auth: false });
          navigate(`/login?created=1&email=${encodeURIComponent(account.email)}`);
        } catch (error) {
          showErrors(form, error);
        }
      });
    });

    queueMicrotask(() => form.elements.email?.focus());
    return h('section', { class: 'auth' },
      h('div', { class: 'card' },
        h('h1', { tabindex: '-1' }, 'Sign up'),
        h('p', { class: 'lead' }, 'Create a KS Query account to get API keys for blockchain query APIs.'),
        form,
        h('p', { class: 'switch' }, 'Already have an account? ', h('a', { href: '/login', 'data-link': true }, 'Log in'))));
  },
};
