// Try it: fills the API's parameters, calls it with the API key (X-Api-Key, never in the URL), and shows the status,
// the RateLimit headers and the JSON answer as the API gave them, with the equivalent curl command.
import { h, uid, replace } from '../lib/dom.js';
import { icon } from '../lib/icons.js';
import { alertBox, clearErrors, field, showErrors } from './fields.js';
import { copyButton } from './copy.js';

const shownHeaders = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy', 'retry-after', 'content-type'];

export function tryIt(entry, currentKey) {
  const method = entry.method.toUpperCase();
  const titleId = uid('try-it');
  const send = h('button', { type: 'submit', class: 'button button-primary' }, icon('send'), 'Send request');
  const output = h('div', { class: 'response', 'aria-live': 'polite' });
  const bodyField = entry.body
    ? field({ label: 'JSON body', name: '__body', multiline: true, optional: !entry.body.required, rows: 4, value: entry.body.example, class: 'mono', spellcheck: 'false' })
    : null;
  const form = h('form', { class: 'try-it', novalidate: true, 'aria-labelledby': titleId },
    h('h3', { id: titleId }, `Try it: ${entry.name}`),
    alertBox(),
    entry.parameters.length ? h('div', { class: 'params' }, entry.parameters.map(parameterField)) : null,
    bodyField,
    h('div', { class: 'button-row' }, send),
    output);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const key = currentKey();
    const missing = {};
    if (!key) {
      showErrors(form, { message: 'Fill in “API key for Try it” at the top of the page first.', errors: {} });
      return;
    }
    for (const p of entry.parameters.filter(p => p.in === 'path')) {
      if (!form.elements.namedItem(p.name).value.trim()) missing[p.name] = [`${p.name} is part of the path: fill it in.`];
    }
    if (Object.keys(missing).length) {
      showErrors(form, { message: 'Fill in the path parameters.', errors: missing });
      return;
    }

    const url = buildUrl(entry, name => form.elements.namedItem(name).value.trim());
    const body = bodyField ? form.elements.__body.value.trim() : '';
    send.disabled = true;
    replace(output, h('p', { class: 'muted' }, 'Calling…'));
    try {
      const started = performance.now();
      const response = await fetch(url, {
        method,
        headers: { 'x-api-key': key, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        body: method === 'POST' && body ? body : undefined,
      });
      const text = await response.text();
      replace(output, ...answer(response, text, Math.round(performance.now() - started)), curl(method, url, body));
    } catch {
      replace(output, h('div', { class: 'callout callout-error', role: 'alert' }, h('p', {}, 'KS Query could not be reached.')));
    } finally {
      send.disabled = false;
    }
  });
  return form;
}

function parameterField(p) {
  const integer = p.type === 'integer';
  const hint = [p.description, p.default !== null && p.default !== undefined ? `Default: ${p.default}.` : null].filter(Boolean).join(' ');
  return field({
    label: p.name,
    name: p.name,
    type: integer ? 'number' : 'text',
    optional: !p.required,
    required: p.required,
    hint,
    min: integer ? p.minimum ?? undefined : undefined,
    max: integer ? p.maximum ?? undefined : undefined,
    inputmode: integer ? 'numeric' : undefined,
    placeholder: p.type === 'date-time' ? '2031-03-01T12:00:00Z' : p.type === 'boolean' ? 'true or false' : undefined,
    autocomplete: 'off',
    spellcheck: 'false',
  });
}

/** The call's URL on this origin: path parameters put into the route, query parameters that have a value appended. */
export function buildUrl(entry, valueOf) {
  let path = entry.path;
  const search = new URLSearchParams();
  for (const p of entry.parameters) {
    const value = valueOf(p.name);
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    else if (value) search.set(p.name, value);
  }
  const text = search.toString();
  return `${location.origin}${path}${text ? `?${text}` : ''}`;
}

function answer(response, text, ms) {
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  const ok = response.ok;
  const headers = shownHeaders.filter(name => response.headers.has(name)).map(name => `${name}: ${response.headers.get(name)}`);
  return [
    h('div', { class: 'response-status' },
      h('span', { class: ok ? 'badge badge-active' : 'badge badge-error' }, `${response.status} ${response.statusText || ''}`.trim()),
      h('span', { class: 'muted' }, `${ms} ms`)),
    !ok && json?.code
      ? h('div', { class: 'callout callout-error', role: 'alert' }, h('p', {}, h('code', {}, json.code), ': ', json.detail ?? json.title ?? ''))
      : null,
    headers.length ? h('pre', { class: 'response-headers', 'aria-label': 'Response headers' }, headers.join('\n')) : null,
    h('pre', { class: 'code', tabindex: '0', 'aria-label': 'Response body' }, json === null ? text || '(empty body)' : JSON.stringify(json, null, 2)),
  ];
}

function curl(method, url, body) {
  const quote = value => `'${value.replaceAll("'", "'\\''")}'`;
  const lines = [`curl -s ${method === 'GET' ? '' : `-X ${method} `}${quote(url)}`, '  -H "X-Api-Key: $KSQ_API_KEY"'];
  if (method === 'POST' && body) lines.push("  -H 'content-type: application/json'", `  -d ${quote(body)}`);
  const pre = h('pre', { class: 'code', tabindex: '0', 'aria-label': 'curl command' }, lines.join(' \\\n'));
  return h('div', { class: 'curl' },
    h('h4', { class: 'visually-hidden' }, 'The same call with curl'),
    h('p', { class: 'muted' }, 'The same call with curl (set KSQ_API_KEY to your key first):'),
    pre,
    h('div', { class: 'button-row' }, copyButton(pre, { label: 'Copy curl', accessibleName: 'Copy the curl command' })));
}
