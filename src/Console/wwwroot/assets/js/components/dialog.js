// Modal dialogs on the native <dialog> element: showModal keeps focus inside and makes the page behind inert,
// Escape closes it, and focus returns to the control that opened it.
import { h, uid, replace } from '../lib/dom.js';
import { icon } from '../lib/icons.js';

/**
 * openDialog({ title, content: (close) => Node }) -> { dialog, close, setContent }
 */
export function openDialog({ title, content, onClose }) {
  const opener = document.activeElement;
  const titleId = uid('dialog-title');
  const body = h('div', { class: 'dialog-content' });
  const dialog = h('dialog', { 'aria-labelledby': titleId },
    h('div', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', onclick: () => close() }, icon('close'))),
    body);

  function close() {
    if (dialog.open) dialog.close();
  }

  function setContent(node, heading) {
    if (heading) dialog.querySelector(`#${titleId}`).textContent = heading;
    replace(body, node);
    const first = body.querySelector('[autofocus], input:not([type=hidden]):not([readonly]), select, textarea, button');
    first?.focus();
  }

  // showModal makes the page inert, but Tab past the last control would leave for the browser's own interface:
  // wrap around inside the dialog instead.
  dialog.addEventListener('keydown', event => {
    if (event.key !== 'Tab') return;
    const controls = [...dialog.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])')]
      .filter(control => control.getClientRects().length > 0);
    if (!controls.length) return;
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });

  document.body.append(dialog);
  body.append(content(close, setContent));
  dialog.showModal();
  const first = body.querySelector('[autofocus]');
  first?.focus();
  return { dialog, close, setContent };
}

/** The row of buttons at the foot of a dialog. */
export function dialogFoot(...buttons) {
  return h('div', { class: 'dialog-foot button-row end' }, buttons);
}
