// The plaintext of a key, shown once (after creation or a roll) or on request (reveal): a read-only field with a
// Copy button and the warning to keep it safe.
import { h, uid } from '../lib/dom.js';
import { copyButton } from './copy.js';

export function keyReveal(key, { once = true } = {}) {
  const id = uid('new-key');
  const input = h('input', { id, type: 'text', readonly: true, value: key, class: 'mono', spellcheck: 'false', autocomplete: 'off' });
  input.addEventListener('focus', () => input.select());
  return h('div', { class: 'key-reveal' },
    h('div', { class: 'callout callout-warning' },
      h('p', {}, h('strong', {}, 'Copy this key now and keep it somewhere safe. '),
        once
          ? 'It is shown only this once: KS Query stores only a hash of it. Anyone who has it can call the APIs as you.'
          : 'Anyone who has it can call the APIs as you.')),
    h('div', { class: 'field' },
      h('label', { for: id }, 'Your API key'),
      h('div', { class: 'secret-row' }, input, copyButton(input, { accessibleName: 'Copy the API key' }))));
}
