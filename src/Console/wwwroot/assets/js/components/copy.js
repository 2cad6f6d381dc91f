// Copy to the clipboard, with a fallback for browsers that refuse the async clipboard API (e.g. over plain HTTP on
// another host than localhost): select the field's text and use the legacy copy command.
import { h } from '../lib/dom.js';
import { icon } from '../lib/icons.js';
import { toast } from './toast.js';

export async function copyText(text, field) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (field) {
      field.focus();
      field.select();
      return document.execCommand('copy');
    }
    return false;
  }
}

/** A "Copy" button for the text of `field` (an input or a <pre>); says "Copied" for a moment. */
export function copyButton(field, { label = 'Copy', accessibleName } = {}) {
  const text = h('span', {}, label);
  const button = h('button', { type: 'button', class: 'button', 'aria-label': accessibleName ?? null }, icon('copy'), text);
  button.addEventListener('click', async () => {
    const value = 'value' in field ? field.value : field.textContent;
    if (await copyText(value, 'select' in field ? field : null)) {
      text.textContent = 'Copied';
      toast('Copied to the clipboard.');
      setTimeout(() => { text.textContent = label; }, 2000);
    } else {
      toast('Copy failed: select the text and copy it by hand.', { error: true });
    }
  });
  return button;
}
