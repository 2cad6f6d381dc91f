// The head of a page: its title (the page's only h1, focused after navigation), a line under it and actions.
import { h } from '../lib/dom.js';

export function pageHead(title, subtitle, ...actions) {
  return h('div', { class: 'page-head' },
    h('div', {}, h('h1', { tabindex: '-1' }, title), subtitle ? h('p', {}, subtitle) : null),
    actions.length ? h('div', { class: 'button-row' }, actions) : null);
}

/** A callout telling a signed-in person to choose a network first. */
export function needsNetwork(what) {
  return h('div', { class: 'callout' },
    h('p', {}, `Select a blockchain and network first: ${what}`),
    h('a', { href: '/network', 'data-link': true, class: 'button button-primary' }, 'Select blockchain and network'));
}
