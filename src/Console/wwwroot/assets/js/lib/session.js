// The dashboard session: the access token lives in memory only; the refresh token is kept in localStorage so a reload
// or a new tab stays signed in. Logging out ends the session on the server (POST /v1/auth/logout) and forgets both.

const REFRESH_KEY = 'ksq.refreshToken';
let accessToken = null;
let refreshing = null;

export function hasSession() {
  return accessToken !== null || localStorage.getItem(REFRESH_KEY) !== null;
}

export function currentAccessToken() {
  return accessToken;
}

export function currentRefreshToken() {
  return localStorage.getItem(REFRESH_KEY);
}

/** Keeps the tokens of a login or refresh answer. */
export function keep(tokens) {
  accessToken = tokens.accessToken;
  localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
}

export function forget() {
  accessToken = null;
  localStorage.removeItem(REFRESH_KEY);
}

/** New tokens from the refresh token; one request however many callers ask at once. False when the session is over. */
export function renew() {
  const refreshToken = currentRefreshToken();
  if (!refreshToken) return Promise.resolve(false);
  refreshing ??= fetch('/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ refreshToken }),
  })
    .then(async response => {
      if (!response.ok) {
        forget();
        return false;
      }
      keep(await response.json());
      return true;
    })
    .catch(() => false)
    .finally(() => { refreshing = null; });
  return refreshing;
}
