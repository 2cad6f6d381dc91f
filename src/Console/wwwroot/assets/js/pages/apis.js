// All APIs: the selected network's catalog grouped by category, each with method, path, summary, parameters and a
// Try it panel that calls the API with a key and shows the status, the RateLimit headers, the JSON answer and curl.
import { h, uid, replace } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { icon } from '../lib/icons.js';
import { plaintextOf, selection, selectionLabel } from '../lib/state.js';
import { needsNetwork, pageHead } from '../components/page.js';
import { tryIt } from '../components/try-it.js';

export default {
  title: 'All APIs',
  auth: true,
  render() {
    const chosen = selection();
    if (!chosen) {
      return h('section', {}, pageHead('All APIs'), needsNetwork('the catalog shown is that of the selected network.'));
    }

    const keyField = apiKeyField(plaintextOf(chosen.activeKeyId));
    const subtitle = h('p', {}, `The query APIs of ${selectionLabel(chosen)}.`);
    const list = h('div', { class: 'catalog' }, h('p', { class: 'muted' }, 'Loading the catalog…'));

    api(`/v1/chains/${encodeURIComponent(chosen.chain)}/networks/${encodeURIComponent(chosen.network)}/apis`, { auth: false })
      .then(catalog => {
        subtitle.textContent = `${catalog.total} query APIs of ${selectionLabel(chosen)}, grouped by category. Open one to see its parameters and try it.`;
        const categories = [...new Set(catalog.apis.map(a => a.category))];
        replace(list, ...categories.map(category => h('section', { class: 'catalog-group' },
          h('h2', {}, category),
          catalog.apis.filter(a => a.category === category).map(entry => apiEntry(entry, () => keyField.input.value.trim())))));
      })
      .catch(error => replace(list, h('div', { class: 'callout callout-error', role: 'alert' }, h('p', {}, error.message))));

    return h('section', {},
      h('div', { class: 'page-head' }, h('div', {}, h('h1', { tabindex: '-1' }, 'All APIs'), subtitle)),
      h('div', { class: 'card' }, keyField.element),
      list);
  },
};

function apiKeyField(initial) {
  const id = uid('api-key');
  const input = h('input', { id, type: 'password', value: initial, autocomplete: 'off', spellcheck: 'false', class: 'mono',
    'aria-describedby': `${id}-hint`, placeholder: 'ksq_test_…' });
  const toggle = h('button', { type: 'button', class: 'button', 'aria-pressed': 'false' }, icon('eye'), 'Show');
  toggle.addEventListener('click', () => {
    const showing = input.type === 'text';
    input.type = showing ? 'password' : 'text';
    toggle.setAttribute('aria-pressed', String(!showing));
  });
  return {
    input,
    element: h('div', { class: 'field' },
      h('label', { for: id }, 'API key for Try it'),
      h('div', { class: 'secret-row' }, input, toggle),
      h('span', { class: 'hint', id: `${id}-hint` }, initial
        ? 'Your active key, as created in this tab. Calls with it are counted in Usage.'
        : 'Paste a key of this network (shown once when created; recoverable keys can be revealed). It stays in this tab only.')),
  };
}

function apiEntry(entry, currentKey) {
  const method = entry.method.toUpperCase();
  let body = null;
  const details = h('details', { class: 'api', id: `api-${entry.id}` },
    h('summary', {},
      h('span', { class: `method method-${method.toLowerCase()}` }, method),
      h('span', { class: 'api-path' }, entry.path),
      h('span', { class: 'api-name' }, entry.name)));
  // The body (parameters and Try it) is built when first opened: a catalog has dozens of APIs.
  details.addEventListener('toggle', () => {
    if (!details.open || body) return;
    body = h('div', { class: 'api-body' },
      h('p', {}, entry.summary),
      parametersTable(entry.parameters),
      entry.body ? h('div', {}, h('h3', {}, 'Body'), h('p', {}, entry.body.description)) : null,
      entry.errors?.length ? h('p', { class: 'muted' }, 'Errors of this API besides the key and limit errors: ',
        entry.errors.map((code, i) => [i ? ', ' : '', h('code', {}, code)])) : null,
      tryIt(entry, currentKey));
    details.append(body);
  });
  return details;
}

function parametersTable(parameters) {
  if (!parameters.length) return h('p', { class: 'muted' }, 'No parameters.');
  return h('div', { class: 'table-wrap stack' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, 'Parameters'),
    h('thead', {}, h('tr', {}, ['Name', 'In', 'Type', 'Required', 'Description'].map(label => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, parameters.map(p => h('tr', {},
      h('td', { 'data-label': 'Name' }, h('code', {}, p.name)),
      h('td', { 'data-label': 'In' }, p.in),
      h('td', { 'data-label': 'Type' }, p.type),
      h('td', { 'data-label': 'Required' }, p.required ? 'Yes' : 'No'),
      h('td', { 'data-label': 'Description' }, p.description, constraints(p)))))));
}

function constraints(p) {
  const parts = [
    p.pattern ? `pattern ${p.pattern}` : null,
    p.minimum !== null && p.minimum !== undefined ? `min ${p.minimum}` : null,
    p.maximum !== null && p.maximum !== undefined ? `max ${p.maximum}` : null,
    p.default !== null && p.default !== undefined ? `default ${p.default}` : null,
  ].filter(Boolean);
  return parts.length ? h('span', { class: 'cell-sub mono' }, parts.join(' · ')) : null;
}
