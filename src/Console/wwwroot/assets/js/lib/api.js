// Calls to the KS Query HTTP API (the same public API every client uses). Errors arrive as RFC 9457 problem details
// and are thrown as ApiError, whose message is the API's own detail.
import { currentAccessToken, renew } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The request failed (HTTP ${status}).`);
    this.status = status;
    this.code = problem?.code ?? null;
    this.title = problem?.title ?? null;
    this.errors = problem?.errors ?? {};
  }
}

let onSessionEnded = () => {};

/** What to do when the session cannot be renewed (the router sends the person to Log in). */
export function whenSessionEnds(handler) {
  onSessionEnded = handler;
}

/**
 * api('/v1/keys', { method: 'POST', body: {...} }) -> parsed JSON (null for 204).
 * `auth: false` for the routes that need no token (sign up, log in, chains).
 */
export async function api(path, { method = 'GET', body, auth = true } = {}) {
  let response = await send(path, method, body, auth);
  let data = await readBody(response);
  if (auth && sessionRefused(response, data) && await renew()) {
    response = await send(path, method, body, auth);
    data = await readBody(response);
  }
  if (auth && sessionRefused(response, data)) {
    onSessionEnded();
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

// Only `unauthenticated` is about the access token; other 401s (a wrong password to reveal a key) are answers.
function sessionRefused(response, problem) {
  return response.status === 401 && problem?.code === 'unauthenticated';
}

async function send(path, method, body, auth) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = currentAccessToken();
  if (auth && token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'KS Query could not be reached. Check that the server is running.' });
  }
}

async function readBody(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}

/** Builds a query string from the defined values: query({ from, size: 20 }) -> "?from=...&size=20". */
export function query(values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
