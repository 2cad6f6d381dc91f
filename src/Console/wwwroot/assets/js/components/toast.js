// Short confirmations in the corner, announced by screen readers (the container is a polite live region).
import { h } from '../lib/dom.js';

export function toast(message, { error = false } = {}) {
  const container = document.getElementById('toasts');
  const item = h('div', { class: error ? 'toast toast-error' : 'toast' }, message);
  container.append(item);
  setTimeout(() => item.remove(), 5000);
}
