// The dialogs of API Key Generation: Create API Auth Key, roll, reveal and revoke. Each shows the API's own error
// messages; a new or revealed key is shown with a Copy button and the warning to keep it safe.
import { h } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { rememberPlaintext, selection, selectionLabel, state } from '../lib/state.js';
import { alertBox, busy, checkField, clearErrors, field, selectField, showErrors } from './fields.js';
import { dialogFoot, openDialog } from './dialog.js';
import { keyReveal } from './key-reveal.js';
import { restrictionFields } from './restrictions.js';
import { toast } from './toast.js';
import { updateNetworkChip } from '../shell.js';

const doneButton = close => h('button', { type: 'button', class: 'button button-primary', onclick: close }, 'Done');

/** Create API Auth Key: Key Name, Key Description, advanced limits, restrictions; then the new key, once. With
 * `team` ({ id, name }) the key is the team's. */
export function openCreateDialog({ onCreated, team = null }) {
  openDialog({
    title: 'Create API Auth Key',
    content: (close, setContent) => {
      const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Create Now');
      const chosen = selection();
      const restrictions = restrictionFields({ chain: chosen.chain, network: chosen.network });
      const form = h('form', { novalidate: true },
        h('div', { class: 'dialog-body' },
          h('p', { class: 'muted' }, `The key will work with ${selectionLabel()} only.`,
            team ? ` It belongs to the team ${team.name}.` : ''),
          alertBox(),
          field({ label: 'Key Name', name: 'name', required: true, maxlength: 64, autocomplete: 'off', autofocus: true,
            hint: 'For example the app or bot that uses it; unique among your keys.' }),
          field({ label: 'Key Description', name: 'description', optional: true, multiline: true, maxlength: 256, rows: 2 }),
          h('details', { class: 'advanced' },
            h('summary', {}, 'Advanced settings'),
            field({ label: 'Rate limit (requests per second)', name: 'rateLimitPerSecond', type: 'number', optional: true, min: 1, max: 1000000,
              inputmode: 'numeric', hint: 'Leave empty for the server default.' }),
            field({ label: 'Monthly quota (calls)', name: 'monthlyQuota', type: 'number', optional: true, min: 1, inputmode: 'numeric',
              hint: 'Leave empty for no quota.' }),
            field({ label: 'Expires at', name: 'expiresAt', type: 'datetime-local', optional: true, hint: 'Your local time. Leave empty to never expire.' }),
            checkField({ label: 'Recoverable', name: 'recoverable',
              hint: 'Keep an encrypted copy so you can reveal the key again with your password.' })),
          h('details', { class: 'advanced' },
            h('summary', {}, 'Restrictions'),
            restrictions.element)),
        dialogFoot(h('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'), submit));

      form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        await busy(submit, 'Creating…', async () => {
          try {
            const created = await api('/v1/keys', { method: 'POST', body: { ...createBody(form), restrictions: restrictions.read(), teamId: team?.id } });
            rememberPlaintext(created.id, created.key);
            const madeActive = team ? false : await makeActiveIfNone(created);
            setContent(h('div', {},
              h('div', { class: 'dialog-body' },
                h('p', {}, h('strong', {}, created.name), ` is ready for ${selectionLabel()}.`,
                  madeActive ? ' It is your active key: All APIs uses it.' : ''),
                keyReveal(created.key)),
              dialogFoot(doneButton(close))), 'API key created');
            onCreated(created);
          } catch (error) {
            openDetailsOf(showErrors(form, error));
          }
        });
      });
      return form;
    },
  });
}

/** A field with an error inside a closed <details> (Advanced settings, Restrictions) is shown. */
function openDetailsOf(control) {
  const details = control?.closest('details');
  if (details && !details.open) {
    details.open = true;
    control.focus();
  }
}

/** Edit a key: name, description and restrictions (PATCH /v1/keys/{id}; restrictions replace the whole object). */
export function openEditDialog(key, { onDone }) {
  openDialog({
    title: `Edit ${key.name}`,
    content: close => {
      const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Save changes');
      const restrictions = restrictionFields({ current: key.restrictions, chain: key.chain, network: key.network });
      const form = h('form', { novalidate: true },
        h('div', { class: 'dialog-body' },
          alertBox(),
          field({ label: 'Key Name', name: 'name', required: true, maxlength: 64, autocomplete: 'off', value: key.name }),
          field({ label: 'Key Description', name: 'description', optional: true, multiline: true, maxlength: 256, rows: 2, value: key.description ?? '' }),
          h('fieldset', { class: 'restrictions-set' }, h('legend', {}, 'Restrictions'), restrictions.element)),
        dialogFoot(h('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'), submit));
      form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        await busy(submit, 'Saving…', async () => {
          try {
            const body = { restrictions: restrictions.read() };
            if (form.elements.name.value !== key.name) body.name = form.elements.name.value;
            const description = form.elements.description.value.trim();
            if (description !== (key.description ?? '')) body.description = description;
            const updated = await api(`/v1/keys/${encodeURIComponent(key.id)}`, { method: 'PATCH', body });
            close();
            toast(`${updated.name} is saved. Restrictions hold from its next call.`);
            onDone(updated);
          } catch (error) {
            showErrors(form, error);
          }
        });
      });
      return form;
    },
  });
}

function createBody(form) {
  const value = name => form.elements[name].value.trim();
  const number = name => (value(name) === '' ? undefined : Number(value(name)));
  return {
    name: form.elements.name.value,
    description: value('description') || undefined,
    rateLimitPerSecond: number('rateLimitPerSecond'),
    monthlyQuota: number('monthlyQuota'),
    expiresAt: value('expiresAt') ? new Date(value('expiresAt')).toISOString() : undefined,
    recoverable: form.elements.recoverable.checked || undefined,
  };
}

async function makeActiveIfNone(key) {
  const chosen = selection();
  if (chosen?.activeKeyId || chosen?.chain !== key.chain || chosen?.network !== key.network) return false;
  try {
    await setActiveKey(key);
    return true;
  } catch {
    return false;
  }
}

/** Makes `key` the active key (the one All APIs calls with); selects its network too. */
export async function setActiveKey(key) {
  state.me = await api('/v1/me/selection', { method: 'PUT', body: { chain: key.chain, network: key.network, activeKeyId: key.id } });
  updateNetworkChip();
}

/** Roll: a new key with the same settings; the old one works for the grace period chosen. */
export function openRollDialog(key, { onDone }) {
  openDialog({
    title: `Roll ${key.name}`,
    content: (close, setContent) => {
      const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Roll key');
      const form = h('form', { novalidate: true },
        h('div', { class: 'dialog-body' },
          h('p', {}, 'Rolling creates a new key with the same name and limits. Move your app to the new key, then let the old one end.'),
          alertBox(),
          selectField({ label: 'Old key keeps working for', name: 'gracePeriodSeconds', value: '3600', autofocus: true, options: [
            { value: '0', label: 'No grace period: end it now' },
            { value: '3600', label: '1 hour' },
            { value: '86400', label: '24 hours' },
            { value: '604800', label: '7 days' },
          ] })),
        dialogFoot(h('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'), submit));
      form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        await busy(submit, 'Rolling…', async () => {
          try {
            const rolled = await api(`/v1/keys/${encodeURIComponent(key.id)}/roll`, {
              method: 'POST', body: { gracePeriodSeconds: Number(form.elements.gracePeriodSeconds.value) } });
            rememberPlaintext(rolled.id, rolled.key);
            state.me = await api('/v1/me');
            setContent(h('div', {},
              h('div', { class: 'dialog-body' }, keyReveal(rolled.key)),
              dialogFoot(doneButton(close))), 'New key for ' + key.name);
            onDone();
          } catch (error) {
            showErrors(form, error);
          }
        });
      });
      return form;
    },
  });
}

/** Reveal a recoverable key: asks for the account's password. */
export function openRevealDialog(key) {
  openDialog({
    title: `Reveal ${key.name}`,
    content: (close, setContent) => {
      const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Reveal');
      const form = h('form', { novalidate: true },
        h('div', { class: 'dialog-body' },
          h('p', {}, 'Enter your password to show this key.'),
          alertBox(),
          field({ label: 'Your password', name: 'password', type: 'password', required: true, autocomplete: 'current-password', autofocus: true })),
        dialogFoot(h('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'), submit));
      form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        await busy(submit, 'Checking…', async () => {
          try {
            const revealed = await api(`/v1/keys/${encodeURIComponent(key.id)}/reveal`, {
              method: 'POST', body: { password: form.elements.password.value } });
            rememberPlaintext(key.id, revealed.key);
            setContent(h('div', {},
              h('div', { class: 'dialog-body' }, keyReveal(revealed.key, { once: false })),
              dialogFoot(doneButton(close))), key.name);
          } catch (error) {
            showErrors(form, error);
          }
        });
      });
      return form;
    },
  });
}

/** Revoke, after confirmation: every later call with the key is refused. */
export function openRevokeDialog(key, { onDone }) {
  openDialog({
    title: `Revoke ${key.name}?`,
    content: close => {
      const submit = h('button', { type: 'submit', class: 'button button-danger' }, 'Revoke key');
      const form = h('form', { novalidate: true },
        h('div', { class: 'dialog-body' },
          h('p', {}, 'Every request with ', h('span', { class: 'key-display' }, key.display),
            ' will be refused at once (401 key_revoked). This cannot be undone.'),
          alertBox()),
        dialogFoot(h('button', { type: 'button', class: 'button', autofocus: true, onclick: close }, 'Cancel'), submit));
      form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(form);
        await busy(submit, 'Revoking…', async () => {
          try {
            await api(`/v1/keys/${encodeURIComponent(key.id)}/revoke`, { method: 'POST' });
            state.me = await api('/v1/me');
            updateNetworkChip();
            close();
            toast(`${key.name} is revoked.`);
            onDone();
          } catch (error) {
            showErrors(form, error);
          }
        });
      });
      return form;
    },
  });
}
