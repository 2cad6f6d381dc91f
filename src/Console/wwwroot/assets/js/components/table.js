// Tables with loading, empty and error states. With `stack`, rows turn into labelled cards at phone width
// (each cell carries its column name in data-label, shown by CSS).
import { h, replace } from '../lib/dom.js';

/**
 * dataTable({ caption, columns: [{ label, cell: row => content, className }], stack: true, wide: false })
 * `wide`: a table of many columns, shown as cards below 1100 px rather than below phone width.
 * -> { element, loading(), rows(items, emptyText), error(message) }
 */
export function dataTable({ caption, columns, stack = true, wide = false, captionHidden = true }) {
  const body = h('tbody');
  const table = h('table', {},
    caption ? h('caption', { class: captionHidden ? 'visually-hidden' : null }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.className }, c.label)))),
    body);
  const element = h('div', { class: ['table-wrap', stack ? 'stack' : '', wide ? 'stack-wide' : ''].join(' ').trim() }, table);

  const stateRow = content => h('tr', {}, h('td', { class: 'state', colspan: columns.length }, content));

  return {
    element,
    loading() {
      replace(body, stateRow(h('span', { 'aria-busy': 'true' }, 'Loading…')));
    },
    rows(items, emptyText) {
      if (!items.length) {
        replace(body, stateRow(emptyText));
        return;
      }
      replace(body, items.map(item => h('tr', {},
        // One wrapper per cell: at phone width the cell is a two-column grid of its label and this.
        columns.map(c => h('td', { class: c.className, 'data-label': c.label }, h('div', { class: 'cell' }, c.cell(item)))))));
    },
    error(message) {
      replace(body, stateRow(h('span', { role: 'alert' }, message)));
    },
  };
}
