// History-based navigation between the console's pages: links marked data-link change the page without a reload.
import { routes } from './routes.js';
import notFound from './pages/not-found.js';
import { hasSession } from './lib/session.js';
import { loadChains, loadMe, state } from './lib/state.js';
import { loadTeams } from './lib/teams.js';
import { replace } from './lib/dom.js';
import { updateShell } from './shell.js';

const main = () => document.getElementById('main');
let rendering = 0;
let firstRender = true;

export function navigate(path, { replace: replaceEntry = false } = {}) {
  if (replaceEntry) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

export function start() {
  document.addEventListener('click', event => {
    const link = event.target.closest?.('a[data-link]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(link.href);
    if (url.origin !== location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener('popstate', () => render());
  render();
}

/** Renders the page of the current URL; a later navigation supersedes a render still loading. */
export async function render() {
  const ticket = ++rendering;
  const url = new URL(location.href);
  const found = routes.map(route => ({ route, match: route.pattern.exec(url.pathname) })).find(r => r.match);
  const page = found?.route.page ?? notFound;
  const params = found?.match.groups ?? {};

  if (page.auth) {
    if (!hasSession()) {
      navigate(`/login${url.pathname === '/' ? '' : `?next=${encodeURIComponent(url.pathname + url.search)}`}`, { replace: true });
      return;
    }
    try {
      await Promise.all([state.me ? state.me : loadMe(), loadChains(), state.teams ? state.teams : loadTeams()]);
    } catch {
      if (ticket === rendering) navigate('/login', { replace: true });
      return;
    }
  } else if (page.guestOnly && hasSession()) {
    navigate('/keys', { replace: true });
    return;
  }
  if (ticket !== rendering) return;

  updateShell(Boolean(page.auth));
  const content = page.render({ params, query: url.searchParams });
  replace(main(), content);
  document.title = `${typeof page.title === 'function' ? page.title(params) : page.title} · KS Query`;
  markCurrentLink(url.pathname);
  if (!firstRender) {
    (main().querySelector('h1') ?? main()).focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
  firstRender = false;
}

function markCurrentLink(pathname) {
  for (const link of document.querySelectorAll('#nav a')) {
    const current = pathname === link.pathname || pathname.startsWith(`${link.pathname}/`);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
