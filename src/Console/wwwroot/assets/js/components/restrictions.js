// A key's restrictions (docs/api.md, "Key restrictions"): the four lists as form fields (create and edit), and as a
// plain summary on the key's page. An empty list places no restriction of its kind: the console says so in words.
import { h, uid, replace } from '../lib/dom.js';
import { api } from '../lib/api.js';
import { field } from './fields.js';

export const restrictionKinds = [
  { name: 'ipRanges', label: 'Client address ranges', none: 'None: calls from any client address are admitted.',
    hint: 'One IPv4 or IPv6 address or CIDR range per line, e.g. 203.0.113.0/24 or 2001:db8::/32.' },
  { name: 'origins', label: 'Browser origins', none: 'None: calls from any origin (or without one) are admitted.',
    hint: 'One per line, as browsers send it in Origin (scheme://host[:port]), or https://*.example.com for every subdomain of example.com.' },
  { name: 'userAgents', label: 'User-agent substrings', none: 'None: calls with any user agent (or without one) are admitted.',
    hint: 'One per line; a call is admitted when its User-Agent contains one of them (ignoring case).' },
  { name: 'apis', label: 'Allowed APIs', none: 'None: every API of the network is allowed.' },
];

const empty = { ipRanges: [], origins: [], userAgents: [], apis: [] };

/** True when the key places no restriction at all. */
export function unrestricted(restrictions) {
  return restrictionKinds.every(kind => !(restrictions?.[kind.name]?.length));
}

/**
 * The four lists as fields, named as the API names them (`restrictions.ipRanges`, ...) so its validation errors
 * (`restrictions.ipRanges[0]`) show beside the right one. `chain`/`network`: whose catalog the APIs are chosen from.
 * -> { element, read() } where read() gives the `restrictions` object of a request body.
 */
export function restrictionFields({ current = empty, chain, network }) {
  const lists = restrictionKinds.filter(kind => kind.name !== 'apis').map(kind => field({
    label: kind.label, name: `restrictions.${kind.name}`, multiline: true, optional: true, rows: 2,
    value: (current?.[kind.name] ?? []).join('\n'), hint: `${kind.hint} Empty: no restriction.`,
    spellcheck: 'false', autocomplete: 'off', class: 'mono',
  }));
  const allowed = new Set(current?.apis ?? []);
  const legendId = uid('apis');
  const choices = h('div', { class: 'api-choices' }, h('p', { class: 'muted' }, 'Loading the network’s APIs…'));
  const apis = h('div', { class: 'field', role: 'group', 'aria-labelledby': legendId, dataset: { field: 'restrictions.apis' } },
    h('span', { class: 'label', id: legendId }, 'Allowed APIs', h('span', { class: 'optional' }, ' (optional)')),
    h('span', { class: 'hint' }, 'Tick the APIs this key may call. None ticked: every API of the network is allowed.'),
    choices,
    h('span', { class: 'error', id: uid('apis-error'), hidden: true }));
  let catalogLoaded = false;

  api(`/v1/chains/${encodeURIComponent(chain)}/networks/${encodeURIComponent(network)}/apis`, { auth: false })
    .then(catalog => {
      const known = new Set(catalog.apis.map(a => a.id));
      const entries = [...catalog.apis, ...[...allowed].filter(id => !known.has(id)).map(id => ({ id, name: id }))];
      replace(choices, entries.map(entry => {
        const id = uid('api');
        return h('div', { class: 'check' },
          h('input', { type: 'checkbox', id, name: 'restrictions.apis', value: entry.id, checked: allowed.has(entry.id) }),
          h('label', { for: id }, entry.name, ' ', h('code', { class: 'cell-sub' }, entry.id)));
      }));
      catalogLoaded = true;
    })
    .catch(error => replace(choices, h('p', { class: 'muted' }, `The catalog could not be loaded (${error.message}); the allowed APIs stay as they are.`)));

  const element = h('div', { class: 'restriction-fields' },
    h('p', { class: 'muted' }, 'A call outside any list is refused with 403 key_restricted. Leave a list empty for no restriction of its kind.'),
    lists, apis);

  function read() {
    const lines = name => element.querySelector(`[name="restrictions.${name}"]`).value.split('\n').map(l => l.trim()).filter(Boolean);
    return {
      ipRanges: lines('ipRanges'),
      origins: lines('origins'),
      userAgents: lines('userAgents'),
      apis: catalogLoaded
        ? [...element.querySelectorAll('input[name="restrictions.apis"]:checked')].map(input => input.value)
        : [...allowed],
    };
  }

  return { element, read };
}

/** The restrictions as a definition list: each list's entries, or in words that it places none. */
export function restrictionsSummary(restrictions) {
  return h('div', { class: 'restrictions' },
    unrestricted(restrictions)
      ? h('p', {}, h('strong', {}, 'No restrictions: '), 'this key works from any client address, origin and user agent, for every API of its network.')
      : null,
    h('dl', { class: 'restriction-list' }, restrictionKinds.map(kind => {
      const entries = restrictions?.[kind.name] ?? [];
      return [h('dt', {}, kind.label), h('dd', {}, entries.length
        ? h('ul', { class: 'plain-list' }, entries.map(entry => h('li', {}, h('code', {}, entry))))
        : h('span', { class: 'muted' }, kind.none))];
    })));
}
